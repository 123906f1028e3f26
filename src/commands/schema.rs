//! `kplan schema`: the JSON Schema of the request file.

use crate::error::Failure;
use crate::exit::Exit;

pub fn run() -> Result<Exit, Failure> {
    super::print(&crate::schema::render())?;
    Ok(Exit::Holds)
}
