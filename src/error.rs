//! Errors and the exit codes they map to (README: "Exit status").

use std::fmt;
use std::io;
use std::process::ExitCode;

/// Exit codes, as documented: 0 success, 1 nothing found, 2 usage or data
/// error. (clap exits 2 on its own usage errors, so the codes agree.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Success = 0,
    NothingFound = 1,
    Error = 2,
}

impl From<Exit> for ExitCode {
    fn from(e: Exit) -> Self {
        ExitCode::from(e as u8)
    }
}

/// Everything that can stop a command. Each is printed once, in `main`.
#[derive(Debug)]
pub enum Error {
    /// A search, filter or id that matched nothing: a hint, exit 1.
    NotFound(String),
    /// Arguments clap accepts but that make no sense together: exit 2.
    Usage(String),
    /// A catalogue file that cannot be used: every problem in it, exit 2.
    Catalogue(crate::load::Failed),
    /// Writing the output failed.
    Io(io::Error),
}

impl Error {
    pub fn exit(&self) -> Exit {
        match self {
            Error::NotFound(_) => Exit::NothingFound,
            Error::Usage(_) | Error::Catalogue(_) | Error::Io(_) => Exit::Error,
        }
    }
}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Self {
        Error::Io(e)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::NotFound(msg) | Error::Usage(msg) => f.write_str(msg),
            Error::Catalogue(failed) => {
                let n = failed.problems.len();
                let problems = if n == 1 { "a problem" } else { "problems" };
                write!(
                    f,
                    "{} has {problems}; fix {} and check again with `htr check {}`",
                    failed.file,
                    if n == 1 { "it" } else { "them" },
                    failed.file
                )
            }
            Error::Io(e) => write!(f, "cannot write output: {e}"),
        }
    }
}
