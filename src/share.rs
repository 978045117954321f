//! Share links, the saved draft and the comparison's state.
//!
//! The address bar follows the scenario: when typing pauses
//! ([`FOLLOW_DELAY`]) the query becomes [`link::encode`] of the scenario (or
//! [`link::encode_pair`] while comparing), through `history.replaceState`, so
//! the back button is not flooded. The same query is the draft kept in
//! `localStorage` ([`crate::draft`]) and the link the share bar shows.
//! Leaving the page writes them at once.
//!
//! On load a query in the URL wins; without one the draft comes back. A link
//! never destroys a different draft silently: the draft stays stored (and
//! can be restored from a notice) until the user edits or dismisses it. One
//! exception: reloading a tab (or going back to it) shows what that tab
//! last wrote, when the draft still holds it. A reload right after an edit
//! finds the address bar one edit behind (the browser reads the address
//! before the page is told it is leaving, and only then is the draft
//! written), so the address alone would bring back an older scenario. The
//! tab remembers what it wrote in `sessionStorage`
//! ([`crate::draft::TAB_WRITTEN_KEY`]), which no other tab sees.
//!
//! Everything from the URL, storage or the clipboard is untrusted: it is
//! decoded by the core (which never fails) and shown as text only.

use envelope_core::link::{self, Decoded};
use envelope_core::{estimate, Report, Scenario};
use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use crate::draft::{self, DRAFT_KEY, PREVIOUS_KEY};
use crate::erased;
use crate::erased::Memo;
use crate::form::Form;
use crate::visible::ElementRef;

/// How long after the last change the address bar and the draft follow.
/// Writing them costs ~2.5 ms in Chromium (`replaceState` alone ~2 ms), a
/// sixth of a frame, and encoding the query another ~0.15 ms: on every
/// keystroke that would slow typing, and nobody copies a link mid-word. The
/// Copy link button writes first, so it is never behind.
pub const FOLLOW_DELAY: Duration = Duration::from_millis(250);

/// The share, draft and comparison state of the page.
#[derive(Clone, Copy)]
pub struct Share {
    form: Form,
    /// Whether the comparison is open.
    pub comparing: RwSignal<bool>,
    /// While comparing: whether the form shows B (else A).
    pub editing_b: RwSignal<bool>,
    /// While comparing: the scenario the form does not show.
    other: erased::RwSignal<Scenario>,
    /// Problems of the link the page was opened with (or pasted), as text.
    warnings: erased::RwSignal<Vec<String>>,
    /// The name of the scenario the link opened, for the warnings notice.
    opened_name: RwSignal<String>,
    /// A different draft found when the page was opened with a link.
    pending_draft: erased::RwSignal<Option<String>>,
    /// While set, the stored draft is left alone as long as the query is
    /// this one (the link's own scenario, not yet edited).
    hold: erased::StoredValue<Option<String>>,
    /// What the copy button did, for the aria-live status.
    status: RwSignal<String>,
    /// The timer that will write the query to the address bar and the
    /// draft, while they are behind.
    unwritten: erased::StoredValue<Option<TimeoutHandle>>,
    /// The query last written: what the address bar, the draft and the
    /// share bar show.
    written: RwSignal<String>,
}

impl Share {
    /// Reads the URL (or the draft) into `form` and keeps the address bar
    /// and the draft in step with it from now on.
    pub fn start(form: Form) -> Share {
        let share = Share {
            form,
            comparing: RwSignal::new(false),
            editing_b: RwSignal::new(false),
            other: erased::RwSignal::new(Scenario::default()),
            warnings: erased::RwSignal::new(Vec::new()),
            opened_name: RwSignal::new(String::new()),
            pending_draft: erased::RwSignal::new(None),
            hold: erased::StoredValue::new(None),
            status: RwSignal::new(String::new()),
            unwritten: erased::StoredValue::new(None),
            written: RwSignal::new(String::new()),
        };
        let query = current_query();
        let query = query.as_str();
        let saved = draft::load(DRAFT_KEY);
        let resumed =
            draft::returned_to() && saved.is_some() && saved == draft::written_in_this_tab();
        if !query.is_empty() && !resumed {
            let (name, warnings) = share.load_query(query);
            share.opened_name.set(name);
            share.warnings.set(warnings);
            let canonical = share.query_untracked();
            if let Some(saved) = saved.filter(|d| !d.is_empty() && *d != canonical) {
                share.pending_draft.set(Some(saved));
                share.hold.set_value(Some(canonical));
            }
        } else if let Some(saved) = saved.filter(|d| !d.is_empty()) {
            share.load_query(&saved);
        }
        // The page's first state (a link, a draft or the preset) is written
        // at once; edits after it, when typing pauses.
        let mut first = true;
        erased::effect(move || {
            // Subscribes to what the query is made of, without encoding it.
            let _ = share.scenarios();
            share.follow_later();
            if std::mem::take(&mut first) {
                share.follow_now();
            }
        });
        let flush = window_event_listener_untyped("pagehide", move |_| share.follow_now());
        // Back and Forward between the entries presets made (see
        // `load_preset`) bring back the scenario of that entry.
        let moved = window_event_listener_untyped("popstate", move |_| {
            let query = current_query();
            if query != share.query_untracked() {
                let (_, warnings) = share.load_query(&query);
                share.warnings.set(warnings);
            }
        });
        // The listeners live as long as the page.
        std::mem::forget((flush, moved));
        share
    }

    /// Writes the query to the address bar and the draft after
    /// [`FOLLOW_DELAY`] without a newer change (a debounce).
    fn follow_later(&self) {
        if let Some(timer) = self.unwritten.get_value() {
            timer.clear();
        }
        let share = *self;
        match set_timeout_with_handle(move || share.follow_now(), FOLLOW_DELAY) {
            Ok(timer) => self.unwritten.set_value(Some(timer)),
            // No timer (no window): write at once.
            Err(_) => {
                self.unwritten.set_value(None);
                self.write();
            }
        }
    }

    /// Writes now what [`Share::follow_later`]'s timer would, if it is due.
    fn follow_now(&self) {
        if let Some(timer) = self.unwritten.try_update_value(Option::take).flatten() {
            timer.clear();
            self.write();
        }
    }

    fn write(&self) {
        let query = self.query_untracked();
        replace_address(&query);
        self.wrote(query);
    }

    fn wrote(&self, query: String) {
        self.save_draft(&query);
        draft::remember_written(&query);
        self.written.set(query);
    }

    /// Loads a preset as a new history entry, so that Back returns to the
    /// scenario the page showed before it, edits included: a preset never
    /// silently replaces work.
    pub fn load_preset(&self, scenario: Scenario) {
        self.in_new_entry(|| self.form.load(scenario));
    }

    /// Makes `change` a new entry of the browser's history, so that Back
    /// undoes it: the current entry first gets the edits not yet written
    /// to it.
    fn in_new_entry(&self, change: impl FnOnce()) {
        self.follow_now();
        change();
        let query = self.query_untracked();
        push_address(&query);
        self.wrote(query);
    }

    /// The form's scenario as applied.
    fn current(&self) -> Scenario {
        self.form.outcome.with(|o| o.scenario.clone())
    }

    /// A and, while comparing, B. Tracked.
    fn scenarios(&self) -> (Scenario, Option<Scenario>) {
        let current = self.current();
        if !self.comparing.get() {
            return (current, None);
        }
        let other = self.other.get();
        if self.editing_b.get() {
            (other, Some(current))
        } else {
            (current, Some(other))
        }
    }

    /// The share-link query (without `?`) of what the page shows. Tracked.
    fn query(&self) -> String {
        match self.scenarios() {
            (a, Some(b)) => link::encode_pair(&a, &b),
            (a, None) => link::encode(&a),
        }
    }

    fn query_untracked(&self) -> String {
        untrack(|| self.query())
    }

    /// While comparing, the scenario the form shows: `A` or `B`.
    pub fn side(&self) -> Memo<Option<&'static str>> {
        let (comparing, editing_b) = (self.comparing, self.editing_b);
        Memo::new(move |_| {
            comparing
                .get()
                .then(|| if editing_b.get() { "B" } else { "A" })
        })
    }

    /// The reports of A and B while comparing. Tracked.
    pub fn reports(&self) -> Option<(Option<Report>, Option<Report>)> {
        if !self.comparing.get() {
            return None;
        }
        let shown = self.form.outcome.with(|o| o.report.clone());
        let other = self.other.with(|s| estimate(s).ok());
        Some(if self.editing_b.get() {
            (other, shown)
        } else {
            (shown, other)
        })
    }

    /// Loads a link (query, URL or draft) into the page; returns the first
    /// scenario's name and every warning's message.
    fn load_query(&self, query: &str) -> (String, Vec<String>) {
        let (a, b) = link::decode_pair(query);
        let mut messages: Vec<String> = a.warnings.iter().map(|w| w.message.clone()).collect();
        let name = a.scenario.name.clone();
        self.editing_b.set(false);
        match b {
            Some(Decoded { scenario, warnings }) => {
                messages.extend(warnings.iter().map(|w| format!("B: {}", w.message)));
                self.other.set(scenario);
                self.comparing.set(true);
            }
            None => self.comparing.set(false),
        }
        self.form.load(a.scenario);
        (name, messages)
    }

    /// Saves the draft, unless a link is showing unedited over a different
    /// draft the user has not dealt with yet.
    fn save_draft(&self, query: &str) {
        let held = self.hold.get_value();
        match held {
            Some(link_query) if link_query == query => {}
            Some(_) => {
                // The first edit after opening a link: keep the older draft.
                self.release_hold();
                draft::save(DRAFT_KEY, query);
            }
            None => draft::save(DRAFT_KEY, query),
        }
    }

    /// Stops protecting the older draft, keeping it under [`PREVIOUS_KEY`].
    fn release_hold(&self) {
        if self.hold.get_value().is_some() {
            if let Some(old) = self.pending_draft.get_untracked() {
                draft::save(PREVIOUS_KEY, &old);
            }
            self.hold.set_value(None);
        }
    }

    /// Snapshots the form as B and opens the comparison, editing B.
    pub fn start_compare(&self) {
        let current = self.form.outcome.with_untracked(|o| o.scenario.clone());
        self.other.set(current);
        self.editing_b.set(true);
        self.comparing.set(true);
    }

    /// Points the form at B (`true`) or A.
    pub fn edit(&self, b: bool) {
        if !self.comparing.get_untracked() || self.editing_b.get_untracked() == b {
            return;
        }
        let shown = self.form.outcome.with_untracked(|o| o.scenario.clone());
        let other = self.other.get_untracked();
        self.other.set(shown);
        self.editing_b.set(b);
        self.form.load(other);
    }

    /// Closes the comparison; the form keeps (or goes back to) A.
    pub fn close_compare(&self) {
        if self.editing_b.get_untracked() {
            let a = self.other.get_untracked();
            self.editing_b.set(false);
            self.form.load(a);
        }
        self.comparing.set(false);
    }

    /// Loads a pasted share link as B, opening the comparison if needed, as
    /// a new history entry: Back returns to what was there before.
    pub fn compare_with(&self, pasted: &str) {
        let decoded = link::decode(pasted);
        let messages = decoded.warnings.iter().map(|w| w.message.clone()).collect();
        self.opened_name.set(String::new());
        self.warnings.set(messages);
        self.in_new_entry(|| {
            if !self.comparing.get_untracked() {
                self.other.set(decoded.scenario);
                self.editing_b.set(false);
                self.comparing.set(true);
            } else if self.editing_b.get_untracked() {
                self.form.load(decoded.scenario);
            } else {
                self.other.set(decoded.scenario);
            }
        });
    }

    fn restore_draft(&self) {
        let Some(saved) = self.pending_draft.get_untracked() else {
            return;
        };
        self.pending_draft.set(None);
        self.hold.set_value(None);
        self.warnings.set(Vec::new());
        self.load_query(&saved);
    }

    fn dismiss_draft(&self) {
        self.release_hold();
        self.pending_draft.set(None);
        draft::save(DRAFT_KEY, &self.query_untracked());
    }
}

/// The address bar's query, without `?`.
fn current_query() -> String {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    search.strip_prefix('?').unwrap_or(&search).to_owned()
}

/// `?query` in the address bar, in place (no new history entry), when it
/// differs from what is there.
fn replace_address(query: &str) {
    if current_query() == query {
        return;
    }
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let wanted = ["?", query].concat();
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&wanted));
    }
}

/// `?query` in the address bar as a new history entry.
fn push_address(query: &str) {
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let wanted = ["?", query].concat();
        let _ = history.push_state_with_url(&JsValue::NULL, "", Some(&wanted));
    }
}

/// The page's full URL with this query.
pub(crate) fn full_url(query: &str) -> String {
    let base = web_sys::window()
        .and_then(|w| {
            let l = w.location();
            Some([l.origin().ok()?, l.pathname().ok()?].concat())
        })
        .unwrap_or_default();
    [base.as_str(), "?", query].concat()
}

/// The share bar: the link, "Copy link", "Compare", "compare with a link",
/// the link's warnings and the draft notice.
#[component]
pub fn ShareBar(share: Share) -> impl IntoView {
    let url = Memo::new(move |_| share.written.with(|q| full_url(q)));
    let url_input = ElementRef::new();
    let pasted = RwSignal::new(String::new());
    let copy = move |_| {
        share.follow_now();
        let text = url.get_untracked();
        let fallback = move || {
            if let Some(input) = url_input.get_untracked() {
                let _ = input.focus();
                input.unchecked_ref::<web_sys::HtmlInputElement>().select();
            }
            share.status.set("Press Ctrl+C to copy".to_owned());
        };
        share.status.set(String::new());
        let clipboard = web_sys::window()
            .and_then(|w| {
                js_sys::Reflect::get(&w.navigator(), &JsValue::from_str("clipboard")).ok()
            })
            .filter(|c| !c.is_undefined() && !c.is_null());
        let Some(clipboard) = clipboard else {
            fallback();
            return;
        };
        let clipboard: web_sys::Clipboard = clipboard.unchecked_into();
        let promise = clipboard.write_text(&text);
        leptos::task::spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(promise).await {
                Ok(_) => share.status.set("Link copied".to_owned()),
                Err(_) => fallback(),
            }
        });
    };
    let load_pasted = move || {
        let text = pasted.get_untracked();
        if !text.trim().is_empty() {
            share.compare_with(text.trim());
            pasted.set(String::new());
        }
    };
    view! {
        <section class="share" aria-label="Share and compare">
            <div class="share-row">
                <label for="share-url">"Link to this scenario"</label>
                <input
                    id="share-url"
                    type="text"
                    readonly
                    node_ref=url_input
                    prop:value=move || url.get()
                />
                <button type="button" id="copy-link" on:click=copy>"Copy link"</button>
                <button
                    type="button"
                    id="compare"
                    hidden=move || share.comparing.get()
                    on:click=move |_| share.start_compare()
                >
                    "Compare"
                </button>
                <p class="share-status" role="status" aria-live="polite">
                    {move || share.status.get()}
                </p>
            </div>
            <form
                class="share-row compare-link"
                on:submit=move |ev| {
                    ev.prevent_default();
                    load_pasted();
                }
            >
                <label for="compare-link">"Compare with a link"</label>
                <input
                    id="compare-link"
                    type="text"
                    placeholder="Paste a share link"
                    prop:value=move || pasted.get()
                    on:input=move |ev| pasted.set(event_target_value(&ev))
                />
                <button type="submit" id="compare-link-load">"Load as B"</button>
            </form>
            {move || {
                share
                    .pending_draft
                    .with(Option::is_some)
                    .then(|| {
                        view! {
                            <div class="draft-notice" role="region" aria-label="Unsaved draft">
                                <p>"You have an unsaved draft from before."</p>
                                <button type="button" id="restore-draft" on:click=move |_| share.restore_draft()>
                                    "Restore draft"
                                </button>
                                <button type="button" id="dismiss-draft" on:click=move |_| share.dismiss_draft()>
                                    "Dismiss"
                                </button>
                            </div>
                        }.into_any()
                    })
            }}
            {move || {
                let warnings = share.warnings.get();
                (!warnings.is_empty())
                    .then(|| {
                        let name = share.opened_name.get();
                        let items = warnings
                            .into_iter()
                            .map(|w| view! { <li>{w}</li> })
                            .map(IntoAny::into_any).collect_view();
                        view! {
                            <div class="link-warnings" role="region" aria-label="Link problems">
                                {(!name.is_empty())
                                    .then(|| view! { <p class="link-name">"Opened the shared scenario “" {name} "”."</p> }.into_any())}
                                <p>"This link had problems:"</p>
                                <ul>{items}</ul>
                                <button
                                    type="button"
                                    id="dismiss-warnings"
                                    on:click=move |_| share.warnings.set(Vec::new())
                                >
                                    "Dismiss"
                                </button>
                            </div>
                        }.into_any()
                    })
            }}
        </section>
    }
}
