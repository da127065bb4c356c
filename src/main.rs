//! htr: wiring and exit codes.

mod catalogue;

use std::borrow::Cow;

use catalogue::{
    Catalogue, Channel, Confidence, Contact, Date, Kind, Meta, Myth, Resource, SignCategory,
    Signs, Source, Statistic,
};

/// The bundled catalogue, checked and baked by build.rs.
static BUNDLED: Catalogue = include!(concat!(env!("OUT_DIR"), "/catalogue.rs"));

fn main() {
    println!("{}", BUNDLED.resources.len());
}
