//! The shipped examples' plans, for unit tests of what is built from a plan.

use std::path::Path;

use crate::load::{Profiles, load};
use crate::model::{Plan, plan};

/// The plan of `examples/<name>.toml`.
pub fn example_plan(name: &str) -> Plan {
    let profiles = Profiles::builtin();
    let path = format!("{}/examples/{name}.toml", env!("CARGO_MANIFEST_DIR"));
    match load(Path::new(&path), &profiles) {
        Ok(loaded) => plan(&loaded.plan_input()),
        Err(problems) => panic!("{name} does not load: {problems:?}"),
    }
}

/// Every shipped example's plan.
pub fn example_plans() -> Vec<Plan> {
    [
        "orders-settlement",
        "payments-authorized",
        "clickstream-events",
    ]
    .into_iter()
    .map(example_plan)
    .collect()
}
