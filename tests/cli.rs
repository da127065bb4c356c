//! End-to-end tests of the `htr` binary.
//!
//! Snapshot cases live in `tests/cmd/` (one `.toml` per case, with its
//! expected `.stdout`/`.stderr`), and every `console` block of README.md is
//! a case too, so the documentation cannot drift from the program.
//! `TRYCMD=overwrite cargo test` rewrites the snapshots: read the diff.

use std::fmt::Write as _;
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
    for args in [
        &["list"][..],
        &["stats", "--all"],
        &[],
        &["--json", "list"],
        &["completions", "bash"],
        &["man"],
        &["handout", "--format", "html", "--qr"],
        &["--help"],
    ] {
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

/// The terminal QR code must scan: read the half blocks back into modules
/// and decode them with an independent decoder.
#[test]
fn terminal_qr_code_decodes_to_the_tip_form() {
    let output = Command::new(env!("CARGO_BIN_EXE_htr"))
        .args(["hotline", "nhth", "--qr", "--color", "never"])
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    // The code is the run of lines made only of blocks and spaces, between
    // the contacts and the "Scan for" line.
    let lines: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.contains('█'))
        .take_while(|l| l.chars().all(|c| matches!(c, '█' | '▀' | '▄' | ' ')))
        .collect();
    assert!(lines.len() > 10, "no QR code in:\n{text}");
    let width = lines.iter().map(|l| l.chars().count()).max().unwrap();
    // Each character is two modules stacked: top and bottom.
    let mut dark = vec![vec![false; width]; lines.len() * 2];
    for (y, line) in lines.iter().enumerate() {
        for (x, c) in line.chars().enumerate() {
            dark[2 * y][x] = matches!(c, '█' | '▀');
            dark[2 * y + 1][x] = matches!(c, '█' | '▄');
        }
    }
    let scale = 4;
    let mut image =
        rqrr::PreparedImage::prepare_from_bitmap(width * scale, dark.len() * scale, |x, y| {
            dark[y / scale][x / scale]
        });
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code");
    let (_, content) = grids[0].decode().expect("decodes");
    assert_eq!(
        content,
        "https://humantraffickinghotline.org/en/report-trafficking"
    );
    assert!(text.contains("Scan for https://humantraffickinghotline.org/en/report-trafficking"));
}

/// HTR_CATALOGUE stands in for --catalogue; an empty one means none.
#[test]
fn catalogue_from_the_environment() {
    let run = |value: &str| {
        Command::new(env!("CARGO_BIN_EXE_htr"))
            .args(["hotline", "example-shelter", "--format", "plain"])
            .env("HTR_CATALOGUE", value)
            .output()
            .unwrap()
    };
    let output = run("tests/catalogues/example-county.toml");
    assert_eq!(output.status.code(), Some(0));
    assert!(
        String::from_utf8_lossy(&output.stdout)
            .starts_with("example-shelter\tvoice\t1-555-555-0199")
    );
    let output = run("");
    assert_eq!(
        output.status.code(),
        Some(1),
        "empty means no local catalogue"
    );
}

fn htr(args: &[&std::ffi::OsStr]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_htr"))
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("HTR_CATALOGUE")
        .output()
        .expect("htr runs")
}

/// Exit 2, one summary line last, no panic, nothing on stdout.
fn assert_clean_failure(output: &std::process::Output, expect: &str) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        output.stdout.is_empty(),
        "partial output: {:?}",
        output.stdout
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.contains(expect), "expected {expect:?} in {stderr}");
    assert!(!stderr.contains('\u{1b}'), "raw escape in {stderr:?}");
}

/// A 50 MB file is refused by its size, before it is read.
#[test]
fn huge_catalogue_is_refused() {
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("huge.toml");
    let line = "# padding padding padding padding padding padding padding padding\n";
    std::fs::write(&path, line.repeat(50_000_000 / line.len())).unwrap();
    let output = htr(&["check".as_ref(), path.as_os_str()]);
    assert_clean_failure(&output, "htr reads catalogues up to 8 MB");
    let output = htr(&["list".as_ref(), "--catalogue".as_ref(), path.as_os_str()]);
    assert_clean_failure(&output, "htr reads catalogues up to 8 MB");
}

/// An endless source is read only up to the limit, not forever.
#[test]
fn endless_file_is_bounded() {
    let output = htr(&["check".as_ref(), "/dev/zero".as_ref()]);
    assert_clean_failure(&output, "htr reads catalogues up to 8 MB");
}

/// Arguments that are not UTF-8 get clap's usage error, exit 2.
#[test]
fn non_utf8_arguments_are_a_usage_error() {
    use std::os::unix::ffi::OsStrExt;
    let bad = std::ffi::OsStr::from_bytes(b"caf\xe9");
    let output = htr(&["search".as_ref(), bad]);
    assert_clean_failure(&output, "invalid UTF-8");
    let output = htr(&["show".as_ref(), bad]);
    assert_clean_failure(&output, "invalid UTF-8");
}

/// A file name is data too: one that is not UTF-8, or that holds an escape
/// sequence, is shown escaped, never raw.
#[test]
fn hostile_file_names_are_shown_safely() {
    use std::os::unix::ffi::OsStrExt;
    let output = htr(&[
        "check".as_ref(),
        std::ffi::OsStr::from_bytes(b"caf\xe9.toml"),
    ]);
    assert_clean_failure(&output, "no such file");
    let output = htr(&[
        "check".as_ref(),
        "\u{1b}]0;pwned\u{7}\u{1b}[2J.toml".as_ref(),
    ]);
    assert_clean_failure(
        &output,
        "\\u{1b}]0;pwned\\u{7}\\u{1b}[2J.toml: no such file",
    );
}

/// A 100,000-character query finishes at once and finds nothing.
#[test]
fn enormous_query_is_handled() {
    let query = "trafficking".repeat(10_000);
    let start = std::time::Instant::now();
    let output = htr(&["search".as_ref(), query.as_ref()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(start.elapsed() < std::time::Duration::from_secs(5));
    let words: Vec<String> = (0..5_000).map(|i| format!("w{i}")).collect();
    let mut args: Vec<&std::ffi::OsStr> = vec!["search".as_ref()];
    args.extend(words.iter().map(std::ffi::OsStr::new));
    let output = htr(&args);
    assert_eq!(output.status.code(), Some(1));
}

/// Text in a catalogue that tries to drive the terminal never gets printed:
/// the file is rejected, and the message shows the escape, not the effect.
#[test]
fn escape_sequences_in_a_catalogue_never_reach_the_terminal() {
    for file in [
        "escape-sequence-title",
        "escape-sequence-clear-screen",
        "bidi-override",
    ] {
        let path = format!("tests/catalogues/bad/{file}.toml");
        let output = htr(&["hotline".as_ref(), "--catalogue".as_ref(), path.as_ref()]);
        assert_clean_failure(&output, "control character");
        let output = htr(&["check".as_ref(), path.as_ref()]);
        assert_clean_failure(&output, "control character");
    }
}

/// A coalition-sized file (200 entries, with figures) checks clean and works
/// with every command and format.
#[test]
fn two_hundred_entry_catalogue_works_with_every_command() {
    let mut toml =
        String::from("[catalogue]\ntitle = \"Coalition list\"\nverified_on = 2026-11-01\n");
    for i in 0..200 {
        let _ = write!(
            toml,
            "\n[[resource]]\nid = \"coalition-{i}\"\nname = \"Coalition member {i}\"\n\
publisher = \"Coalition\"\nkind = \"organization\"\nsummary = \"Member {i} of the coalition.\"\n\
url = \"https://example.org/{i}\"\ntopics = [\"youth\", \"labor\"]\nregion = \"US-CA\"\n\
verified_on = 2026-11-01\n  [[resource.contact]]\n  channel = \"voice\"\n\
  value = \"1-555-555-01{:02}\"\n  label = \"Front desk\"\n  hours = \"Weekdays\"\n\
  languages = [\"en\"]\n",
            i % 100
        );
    }
    toml.push_str(
        "\n[[statistic]]\nid = \"coalition-referrals\"\nfigure = \"12\"\nvalue = 12\n\
unit = \"referrals\"\nclaim = \"referrals\"\nperiod = \"2025\"\nconfidence = \"primary\"\n\
resource = \"nhth\"\nverified_on = 2026-11-01\n  [statistic.source]\n\
  publisher = \"Coalition\"\n  title = \"Notes\"\n  url = \"https://example.org/notes\"\n",
    );
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("coalition.toml");
    std::fs::write(&path, toml).unwrap();
    let file = path.to_str().unwrap();
    let output = htr(&["check".as_ref(), file.as_ref()]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let commands: &[&[&str]] = &[
        &[],
        &["hotline", "coalition-7"],
        &["list", "--topic", "youth"],
        &["search", "coalition", "member", "42"],
        &["show", "coalition-199"],
        &["stats", "coalition-referrals"],
        &["signs"],
        &["myths"],
        &["handout", "--topic", "labor", "--format", "html"],
    ];
    for args in commands {
        for format in ["table", "plain", "json", "markdown", "csv", "html"] {
            let mut full: Vec<&std::ffi::OsStr> = args.iter().map(std::ffi::OsStr::new).collect();
            full.extend(["--catalogue", file, "--format", format].map(std::ffi::OsStr::new));
            if args.first() == Some(&"handout") {
                full.truncate(full.len() - 2);
            }
            let output = htr(&full);
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(!stderr.contains("panicked"), "{args:?} {format}: {stderr}");
            match output.status.code() {
                Some(0) => assert!(!output.stdout.is_empty(), "{args:?} {format}"),
                // A format a command does not offer is a usage error.
                Some(2) => assert!(stderr.contains("has no"), "{args:?} {format}: {stderr}"),
                other => panic!("{args:?} {format}: exit {other:?}: {stderr}"),
            }
        }
    }
}

fn export(args: &[&str]) -> Vec<u8> {
    let mut full: Vec<&std::ffi::OsStr> = vec!["export".as_ref()];
    full.extend(args.iter().map(std::ffi::OsStr::new));
    let output = htr(&full);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

/// Every exported service, bundled and local, validates against Open
/// Referral's compiled HSDS 3.0 service schema (draft 2020-12), formats
/// (uuid, uri, email) included. The schema lives beside the project in
/// shared/ and is not copied into it; without it this test says so and
/// checks nothing.
#[test]
fn hsds_export_validates_against_the_official_schema() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/hsds-3.0/schema/compiled/service.json");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: HSDS schema not found at {}", path.display());
        return;
    };
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the HSDS schema compiles");
    let county = "tests/catalogues/example-county.toml";
    let mut checked = 0;
    for args in [&["--hsds"][..], &["--hsds", "--catalogue", county]] {
        let services: Vec<serde_json::Value> = serde_json::from_slice(&export(args)).unwrap();
        for service in &services {
            let errors: Vec<String> = validator
                .iter_errors(service)
                .map(|e| format!("{} at {}", e, e.instance_path()))
                .collect();
            assert!(
                errors.is_empty(),
                "{}: {}",
                service["name"],
                errors.join("; ")
            );
            checked += 1;
        }
    }
    assert!(checked >= 19 + 21, "{checked} services checked");
    // A control: the validator must reject a service that breaks the
    // schema, or the loop above proves nothing.
    let mut broken: Vec<serde_json::Value> = serde_json::from_slice(&export(&["--hsds"])).unwrap();
    let broken = &mut broken[0];
    broken.as_object_mut().unwrap().remove("status");
    broken["id"] = "not-a-uuid".into();
    broken["phones"][0]["languages"] = "en".into();
    assert_eq!(
        validator.iter_errors(broken).count(),
        3,
        "status, id format, languages type"
    );
}

/// Two exports of the same catalogue are the same bytes (ids are UUID v5).
#[test]
fn exports_are_byte_identical_across_runs() {
    assert_eq!(export(&["--hsds"]), export(&["--hsds"]));
    assert_eq!(export(&[]), export(&[]));
}

/// A local catalogue's entries export too, in both forms.
#[test]
fn local_entries_export() {
    let county = "tests/catalogues/example-county.toml";
    let hsds: Vec<serde_json::Value> =
        serde_json::from_slice(&export(&["--hsds", "--catalogue", county])).unwrap();
    assert!(hsds.iter().any(|s| s["name"] == "Example Youth Shelter"));
    let own: serde_json::Value = serde_json::from_slice(&export(&["--catalogue", county])).unwrap();
    let local = own["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "example-shelter")
        .unwrap();
    assert_eq!(local["local"], true);
    assert_eq!(
        own["local_catalogue"]["title"],
        "Example County referral list"
    );
}
