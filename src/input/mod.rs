//! Input files: read in one place (`file`), each file kind's keys written once as a field
//! table (`spec`), and one strict reader that takes its bounds from the table and keeps
//! going after a problem (`fields`).

pub mod fields;
pub mod file;
pub mod spec;
