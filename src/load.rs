//! Loading a user's catalogue file at run time: the limits, the errors, and
//! the rules shared with the bundled catalogue (src/catalogue.rs).

use std::fs::File;
use std::io::Read;
use std::path::Path;

use crate::catalogue::{self, Catalogue, Diagnostic};
use crate::quick_toml;

/// The largest catalogue htr reads. A 200-entry referral list is about
/// 100 KB; this leaves room for a whole state's and still bounds memory and
/// time when the path names something huge or endless (`/dev/zero`).
pub const MAX_BYTES: u64 = 8 * 1024 * 1024;

/// Why a file could not be used: every problem found, each already in the
/// form `FILE:LINE:COLUMN: message` (or `FILE: message` without a place).
#[derive(Debug)]
pub struct Failed {
    pub file: String,
    pub problems: Vec<String>,
}

/// Reads, parses and checks a catalogue file. `bundled` is the catalogue it
/// will be added to, if any: the file may refer to its ids, not reuse them.
/// Every entry of the result is marked local.
pub fn load(path: &Path, bundled: Option<&Catalogue>) -> Result<Catalogue, Failed> {
    let file = display_path(path);
    let fail = |message: String| Failed {
        file: file.clone(),
        problems: vec![format!("{file}: {message}")],
    };
    let bytes = read(path).map_err(fail)?;
    let text = match std::str::from_utf8(&bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            let line = valid.split(|&b| b == b'\n').count();
            let col = valid.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
            return Err(Failed {
                file: file.clone(),
                problems: vec![format!(
                    "{file}:{line}:{col}: not valid UTF-8 (byte 0x{:02x}); save the file as UTF-8",
                    bytes[e.valid_up_to()]
                )],
            });
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(fail(
            "the file is empty; a catalogue starts with a [catalogue] table (title, verified_on) and lists [[resource]] entries".into(),
        ));
    }
    // The quick reader takes most files in about 40% of the time; whatever it
    // does not take, or takes but the rules reject, goes to the `toml`
    // crate, which reads it again and says exactly what is wrong and where.
    let quick = quick_toml::parse(text).filter(|c| {
        let outside: &dyn catalogue::Outside = bundled.map_or(&catalogue::Nothing, |b| b);
        catalogue::validate_with(c, outside).is_empty()
    });
    let parsed = match (quick, bundled) {
        (Some(c), _) => Ok(c),
        (None, Some(outside)) => catalogue::parse_with(text, outside),
        (None, None) => catalogue::parse(text),
    };
    let mut c = parsed.map_err(|diagnostics| Failed {
        problems: diagnostics.iter().map(|d| explain(d, &file)).collect(),
        file: file.clone(),
    })?;
    c.resources.to_mut().iter_mut().for_each(|r| r.local = true);
    c.statistics
        .to_mut()
        .iter_mut()
        .for_each(|s| s.local = true);
    Ok(c)
}

/// Reads at most MAX_BYTES + 1 bytes, with a message for each way it can
/// fail that says what to do.
fn read(path: &Path) -> Result<Vec<u8>, String> {
    let open = File::open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => "no such file; check the path".to_string(),
        std::io::ErrorKind::PermissionDenied => {
            "permission denied; check that you can read the file".to_string()
        }
        _ => format!("cannot open: {e}"),
    })?;
    let meta = open.metadata().map_err(|e| format!("cannot read: {e}"))?;
    if meta.is_dir() {
        return Err("is a directory; give the path of a .toml catalogue file".into());
    }
    if meta.is_file() && meta.len() > MAX_BYTES {
        return Err(too_big(meta.len()));
    }
    let mut bytes = Vec::new();
    // `take` bounds what a pipe or device can make us read.
    open.take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(bytes)
}

fn too_big(len: u64) -> String {
    #[allow(clippy::cast_precision_loss)] // One decimal of megabytes is plenty.
    let mb = len as f64 / 1_000_000.0;
    format!(
        "is {mb:.1} MB or more; htr reads catalogues up to {} MB: split the file or remove what is not a referral",
        MAX_BYTES / 1_000_000
    )
}

/// A diagnostic as one line, with a did-you-mean for unknown fields.
fn explain(d: &Diagnostic, file: &str) -> String {
    let mut d = d.clone();
    if let Some(better) = did_you_mean(&d.message) {
        d.message = better;
    }
    d.display(file).to_string()
}

/// serde says "unknown field `nmae`, expected one of `id`, `name`, ...";
/// say which one was probably meant.
fn did_you_mean(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let (field, rest) = rest.split_once('`')?;
    let expected: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
    let best = *crate::library::nearest(field, expected.iter().copied()).first()?;
    Some(format!(
        "unknown field `{field}`; did you mean `{best}`? (allowed here: {})",
        expected.join(", ")
    ))
}

/// A path as it can be shown safely: control characters escaped, so a file
/// name cannot carry a terminal escape sequence into an error message.
pub fn display_path(path: &Path) -> String {
    crate::render::sanitize(&path.to_string_lossy()).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_field_gets_a_suggestion() {
        let m = "unknown field `nmae`, expected one of `id`, `name`, `aliases`";
        assert_eq!(
            did_you_mean(m).unwrap(),
            "unknown field `nmae`; did you mean `name`? (allowed here: id, name, aliases)"
        );
        assert!(did_you_mean("unknown field `zzzzzz`, expected `id`").is_none());
        assert!(did_you_mean("missing field `id`").is_none());
    }
}
