//! Hostile input, bounded (issue 14): scenario files and standard input are
//! read up to a size cap, untrusted text reaches the terminal as text, and
//! bad chart sizes and unwritable help are errors.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use envelope_core::text::is_hidden_control;

fn envelope() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_envelope"));
    command.env("NO_COLOR", "1");
    command
}

fn run(args: &[&str]) -> Output {
    envelope()
        .args(args)
        .output()
        .expect("the envelope binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8")
}

/// Whether `output` holds a control or text-direction character other than
/// a line break.
fn has_hidden_controls(output: &str) -> bool {
    output.chars().any(|c| c != '\n' && is_hidden_control(c))
}

const CAP: usize = 1024 * 1024;

/// Scenario JSON padded with spaces to exactly `len` bytes.
fn padded_scenario(len: usize) -> Vec<u8> {
    let mut bytes = b"{}".to_vec();
    bytes.resize(len, b' ');
    bytes
}

#[test]
fn a_scenario_file_over_1_mib_is_refused_by_name() {
    let dir = std::env::temp_dir().join(format!("envelope-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let at_cap = dir.join("at-cap.json");
    let over = dir.join("over-cap.json");
    std::fs::write(&at_cap, padded_scenario(CAP)).unwrap();
    std::fs::write(&over, padded_scenario(CAP + 1)).unwrap();
    let o = run(&["estimate", at_cap.to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let o = run(&["estimate", over.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        text(&o.stderr),
        format!(
            "error: scenario file: larger than 1 MiB ({})\n",
            over.display()
        )
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn dev_zero_is_read_only_up_to_the_cap() {
    if !std::path::Path::new("/dev/zero").exists() {
        return;
    }
    let o = run(&["estimate", "/dev/zero"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        text(&o.stderr),
        "error: scenario file: larger than 1 MiB (/dev/zero)\n"
    );
}

#[test]
fn endless_standard_input_is_read_only_up_to_the_cap() {
    let mut child = envelope()
        .args(["estimate", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the envelope binary runs");
    let mut stdin = child.stdin.take().unwrap();
    // `yes '{'`, up to 64 MiB: the CLI stops reading after 1 MiB and a
    // byte, so the pipe breaks long before.
    let writer = std::thread::spawn(move || {
        let chunk = b"{\n".repeat(32 * 1024);
        let mut written = 0;
        while written < 64 * CAP {
            if stdin.write_all(&chunk).is_err() {
                break;
            }
            written += chunk.len();
        }
        written
    });
    let o = child.wait_with_output().unwrap();
    let written = writer.join().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        text(&o.stderr),
        "error: scenario file: larger than 1 MiB (<stdin>)\n"
    );
    assert!(written < 8 * CAP, "wrote {written} bytes");
}

#[test]
fn link_keys_reach_the_terminal_as_text() {
    for link in [
        "?dau=1M&%1B%5B2J%1B%5D0;pwned%07=1",
        "?dau=1M&x%0D%0Aerror:%20dau:%20fake=1",
        "?dau=1M&c0.name=a%E2%80%AEb&c0.kind=x%1B%5B2J",
    ] {
        let o = run(&["estimate", link]);
        assert!(o.status.success(), "{link}: {}", text(&o.stderr));
        let (out, err) = (text(&o.stdout), text(&o.stderr));
        assert!(!has_hidden_controls(&err), "{link}: {err:?}");
        assert!(!has_hidden_controls(&out), "{link}: {out:?}");
        assert!(
            err.lines().all(|l| l.starts_with("warning: ")),
            "{link}: {err:?}"
        );
    }
    let o = run(&["estimate", "?x%0D%0Aerror:%20dau:%20fake=1"]);
    assert_eq!(
        text(&o.stderr),
        "warning: x\\u{d}\\u{a}error: dau: fake: ignored 'x\\u{d}\\u{a}error: dau: fake'\n"
    );
}

#[test]
fn set_values_and_keys_reach_the_terminal_as_text() {
    for set in [
        "dau=1\u{1b}[2J\r\nerror: fake",
        "x\r\nerror: dau: fake\u{1b}]0;pwned\u{7}=1",
        "name=abc\u{202e}fdp.exe",
        "\u{1b}[2J",
    ] {
        let o = run(&["estimate", "--preset", "twitter", "--set", set]);
        assert_eq!(o.status.code(), Some(2), "{set:?}");
        let err = text(&o.stderr);
        assert!(!has_hidden_controls(&err), "{set:?}: {err:?}");
        assert!(err.starts_with("error: "), "{set:?}: {err:?}");
        assert!(
            !err.lines()
                .any(|l| l.starts_with("error: fake") || l.starts_with("error: dau: fake")),
            "{set:?}: {err:?}"
        );
    }
}

#[test]
fn arguments_clap_quotes_reach_the_terminal_as_text() {
    for args in [
        &[
            "estimate",
            "--preset",
            "twitter",
            "--format",
            "x\r\nerror: fake\u{202e}",
        ][..],
        &["est\r\nerror: fake"],
        &["estimate", "--fo\nerror: fake"],
        &[
            "chart",
            "pie\u{1b}]0;pwned\u{7}",
            "--preset",
            "twitter",
            "-o",
            "-",
        ],
    ] {
        let o = run(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = text(&o.stderr);
        assert!(!has_hidden_controls(&err), "{args:?}: {err:?}");
        assert!(err.starts_with("error: "), "{args:?}: {err:?}");
        assert!(
            !err.lines().any(|l| l.starts_with("error: fake")),
            "{args:?}: {err:?}"
        );
    }
    let o = run(&["estimate", "--fo\nerror: fake"]);
    assert!(
        text(&o.stderr).starts_with("error: unexpected argument '--fo\\u{a}error: fake' found\n"),
        "{}",
        text(&o.stderr)
    );
}

#[test]
fn names_in_a_scenario_file_lose_control_and_direction_characters() {
    let json = "{\"name\": \"abc\\u202efdp.exe\\u001b[2J\", \
                \"classes\": [{\"name\": \"r\\u202eead\"}]}";
    for format in ["text", "markdown", "json"] {
        let mut child = envelope()
            .args(["estimate", "-", "--format", format])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(json.as_bytes())
            .unwrap();
        let o = child.wait_with_output().unwrap();
        assert!(o.status.success(), "{}", text(&o.stderr));
        let out = text(&o.stdout);
        assert!(!has_hidden_controls(&out), "{format}: {out:?}");
        assert!(!out.contains("\\u202e"), "{format}: {out}");
        assert!(out.contains("abcfdp.exe"), "{format}: {out}");
        assert_eq!(
            text(&o.stderr),
            "warning: name: Scenario name: removed 2 control or text-direction characters\n\
             warning: classes.0.name: Request class 1 name: removed 1 control or \
             text-direction character\n"
        );
    }
}

#[test]
fn chart_sizes_out_of_range_are_named() {
    for size in ["0x0", "239x160", "640x4097"] {
        let o = run(&[
            "chart",
            "storage-growth",
            "--preset",
            "twitter",
            "-o",
            "-",
            "--size",
            size,
        ]);
        assert_eq!(o.status.code(), Some(2), "{size}");
        assert!(o.stdout.is_empty());
        let err = text(&o.stderr);
        assert!(
            err.contains(&format!(
                "{size} is out of range: the width must be 240 to 4096 and the height \
                 160 to 4096 pixels"
            )),
            "{err}"
        );
        assert!(err.contains("--size"), "{err}");
    }
}

#[test]
fn help_and_version_that_cannot_be_written_are_errors() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        return;
    };
    for args in [&["--help"][..], &["estimate", "--help"], &["--version"]] {
        let o = envelope()
            .args(args)
            .stdout(full.try_clone().unwrap())
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert!(
            text(&o.stderr).starts_with("error: cannot write to standard output: "),
            "{args:?}: {}",
            text(&o.stderr)
        );
    }
    // Written, help is still a success.
    assert!(run(&["--help"]).status.success());
}
