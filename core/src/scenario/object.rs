//! Scenario data read from JSON objects only.
//!
//! serde's derived deserializer also reads a struct from an array, field by
//! field in declaration order: `[]` would be the default scenario, and
//! `["evil", {...}]` a scenario named "evil". A scenario file is an object
//! (see `docs/json.md`), so [`object_only`] makes a struct's deserializer
//! take an object and refuse anything else with an error that says so.

/// For a struct that derives `Serialize` and `Deserialize` with
/// `#[serde(remote = "Type")]` (which makes the derived code plain
/// functions), the two trait impls: serializing as derived, deserializing
/// from a map only.
macro_rules! object_only {
    ($type:ident, $expecting:literal) => {
        impl serde::Serialize for $type {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                // The derived function (an inherent one, thanks to `remote`).
                $type::serialize(self, serializer)
            }
        }

        impl<'de> serde::Deserialize<'de> for $type {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct Object;
                impl<'de> serde::de::Visitor<'de> for Object {
                    type Value = $type;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str($expecting)
                    }
                    fn visit_map<A: serde::de::MapAccess<'de>>(
                        self,
                        map: A,
                    ) -> Result<$type, A::Error> {
                        // The derived function, reading the object's members.
                        $type::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    }
                }
                deserializer.deserialize_map(Object)
            }
        }
    };
}

pub(super) use object_only;
