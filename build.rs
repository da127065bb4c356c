//! Compiles `resources.toml` into static Rust data, so the running program
//! parses nothing (parsing ~48 KB of TOML costs about as much as starting
//! the process). A catalogue that breaks a rule fails the build with
//! `resources.toml:LINE:COL: what is wrong`.

#[path = "src/catalogue.rs"]
#[allow(dead_code)] // The binary uses the rest of the module.
mod catalogue;

use std::fmt::Write as _;
use std::path::Path;

use catalogue::{
    Catalogue, Channel, Confidence, Contact, Date, Kind, Meta, Myth, Resource, SignCategory, Signs,
    Source, Statistic, Text,
};

const CATALOGUE: &str = "resources.toml";

fn main() {
    println!("cargo::rerun-if-changed={CATALOGUE}");
    println!("cargo::rerun-if-changed=src/catalogue.rs");
    let text = std::fs::read_to_string(CATALOGUE)
        .unwrap_or_else(|e| fail(&format!("{CATALOGUE}: cannot read: {e}")));
    let catalogue = catalogue::parse(&text).unwrap_or_else(|problems| {
        let all: Vec<String> = problems
            .iter()
            .map(|p| p.display(CATALOGUE).to_string())
            .collect();
        fail(&all.join("\n"))
    });
    let mut out = String::new();
    catalogue.bake(&mut out);
    let dest =
        Path::new(&std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("catalogue.rs");
    std::fs::write(&dest, out)
        .unwrap_or_else(|e| fail(&format!("cannot write {}: {e}", dest.display())));
}

fn fail(message: &str) -> ! {
    for line in message.lines() {
        println!("cargo::error={line}");
    }
    std::process::exit(1);
}

/// Writes a value as a Rust expression that can initialise a `static`.
trait Bake {
    fn bake(&self, out: &mut String);
}

impl Bake for Text {
    fn bake(&self, out: &mut String) {
        // Debug formatting of a str is a valid Rust string literal.
        write!(out, "Cow::Borrowed({:?})", &**self).unwrap();
    }
}

impl<T: Bake> Bake for Option<T> {
    fn bake(&self, out: &mut String) {
        match self {
            Some(v) => {
                out.push_str("Some(");
                v.bake(out);
                out.push(')');
            }
            None => out.push_str("None"),
        }
    }
}

impl<T: Bake + Clone> Bake for std::borrow::Cow<'static, [T]> {
    fn bake(&self, out: &mut String) {
        out.push_str("Cow::Borrowed(&[");
        for item in self.iter() {
            item.bake(out);
            out.push(',');
        }
        out.push_str("])");
    }
}

impl Bake for bool {
    fn bake(&self, out: &mut String) {
        write!(out, "{self}").unwrap();
    }
}

impl Bake for f64 {
    fn bake(&self, out: &mut String) {
        write!(out, "{self:?}_f64").unwrap();
    }
}

impl Bake for Date {
    fn bake(&self, out: &mut String) {
        write!(
            out,
            "Date {{ year: {}, month: {}, day: {} }}",
            self.year, self.month, self.day
        )
        .unwrap();
    }
}

macro_rules! bake_enum {
    ($($t:ident),+) => {$(
        impl Bake for $t {
            fn bake(&self, out: &mut String) {
                write!(out, "{}::{:?}", stringify!($t), self).unwrap();
            }
        }
    )+};
}
bake_enum!(Kind, Channel, Confidence);

macro_rules! bake_struct {
    ($t:ident { $($field:ident),+ $(,)? }) => {
        impl Bake for $t {
            fn bake(&self, out: &mut String) {
                out.push_str(concat!(stringify!($t), " {"));
                $(
                    out.push_str(concat!(stringify!($field), ": "));
                    self.$field.bake(out);
                    out.push_str(",\n");
                )+
                out.push('}');
            }
        }
    };
}

bake_struct!(Catalogue {
    meta,
    resources,
    statistics,
    signs,
    myths
});
bake_struct!(Meta {
    title,
    verified_on,
    note
});
bake_struct!(Resource {
    id,
    name,
    aliases,
    publisher,
    kind,
    summary,
    url,
    topics,
    audience,
    region,
    advisory,
    unconfirmed,
    verified_on,
    contacts,
    local
});
bake_struct!(Contact {
    channel,
    value,
    label,
    hours,
    languages,
    note
});
bake_struct!(Statistic {
    id,
    figure,
    value,
    value_max,
    unit,
    claim,
    period,
    confidence,
    caveat,
    resource,
    topics,
    verified_on,
    source,
    local
});
bake_struct!(Source {
    publisher,
    title,
    url,
    published
});
bake_struct!(Signs {
    title,
    resource,
    confidence,
    caveats,
    verified_on,
    categories
});
bake_struct!(SignCategory {
    id,
    name,
    indicators
});
bake_struct!(Myth {
    id,
    myth,
    fact,
    resource,
    confidence,
    verified_on
});
