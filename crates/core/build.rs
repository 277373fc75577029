//! The Fluent message files are embedded at compile time by `fluent_templates::static_loader!`;
//! tell cargo to rebuild when one is added or changed.

fn main() {
    println!("cargo:rerun-if-changed=../../themes/default/locales");
}
