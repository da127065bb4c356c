//! End-to-end tests of the `htr` binary.
//!
//! Snapshot cases live in `tests/cmd/` (one `.toml` per case, with its
//! expected `.stdout`/`.stderr`), and every `console` block of README.md is
//! a case too, so the documentation cannot drift from the program.
//! `TRYCMD=overwrite cargo test` rewrites the snapshots: read the diff.

use std::io::Read;
use std::process::{Command, Stdio};

/// The environment every case runs in: a fixed width and no colour unless a
/// case asks for it, so output does not depend on the machine.
fn cases() -> trycmd::TestCases {
    let cases = trycmd::TestCases::new();
    cases
        .env("COLUMNS", "100")
        .env("NO_COLOR", "1")
        // trycmd cannot unset a variable; htr treats an empty one as unset.
        .env("CLICOLOR_FORCE", "")
        .env("HTR_CATALOGUE", "")
        .register_bin("htr", trycmd::cargo::cargo_bin!("htr"));
    cases
}

#[test]
fn cmd_cases() {
    cases().case("tests/cmd/*.toml");
}

#[test]
fn readme_examples() {
    cases().case("README.md");
}

/// `htr list | head -1`: a reader that goes away early must end htr quietly
/// with status 0, not a panic message (Rust ignores SIGPIPE, so the write
/// fails with EPIPE instead).
#[test]
fn closed_pipe_exits_quietly() {
    for args in [&["list"][..], &["stats", "--all"], &[], &["--json", "list"]] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_htr"))
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("htr runs");
        drop(child.stdout.take());
        let mut stderr = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut stderr)
            .unwrap();
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(0), "{args:?}: {stderr}");
        assert_eq!(stderr, "", "{args:?}");
    }
}

/// At any width, every phone number, text code and web address in the
/// output stays whole on one line.
#[test]
fn numbers_and_urls_are_never_broken() {
    let nhth = [
        "1-888-373-7888",
        "233733",
        "https://humantraffickinghotline.org/en/chat",
        "https://humantraffickinghotline.org/en/report-trafficking",
    ];
    let ncmec = ["1-800-843-5678", "https://report.cybertip.org/"];
    let cases: [(&[&str], Vec<&str>); 3] = [
        (&["hotline"], nhth.iter().chain(&ncmec).copied().collect()),
        (&["show", "nhth"], nhth.to_vec()),
        (
            &["stats", "--topic", "online-exploitation"],
            vec!["https://www.missingkids.org/cybertiplinedata"],
        ),
    ];
    for columns in ["40", "57", "80"] {
        for (args, whole) in &cases {
            let output = Command::new(env!("CARGO_BIN_EXE_htr"))
                .args(*args)
                .env("COLUMNS", columns)
                .env("NO_COLOR", "1")
                .output()
                .unwrap();
            let text = String::from_utf8(output.stdout).unwrap();
            for value in whole {
                assert!(
                    text.lines()
                        .any(|line| line.split_whitespace().any(|w| w == *value)),
                    "{args:?} at {columns} columns: {value} is not whole on one line"
                );
            }
        }
    }
}
