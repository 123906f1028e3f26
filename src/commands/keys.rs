//! `kplan keys FILE --partitions N`: how Kafka's default partitioner spreads a sample of
//! keys, and with `--from`, how many keys move when the topic grows.

use crate::cli::{KeysArgs, ReportFormatArg};
use crate::error::Failure;
use crate::exit::Exit;
use crate::i18n::Lang;
use crate::keys::read_key_sample;
use crate::limits::max_distinct_keys;
use crate::model::spread::spread;
use crate::render::keys::{KeysFormat, render_keys};

/// How many of the most frequent keys the report lists.
const FREQUENT_KEYS: usize = 10;

pub fn run(args: KeysArgs) -> Result<Exit, Failure> {
    if let Some(from) = args.from.filter(|&from| from > args.partitions) {
        return Err(Failure::Usage(format!(
            "--from {from} is above --partitions {}: a Kafka topic's partitions only grow",
            args.partitions
        )));
    }
    let limit = match args.max_distinct_keys {
        Some(limit) => limit,
        // kplan keys writes in English (its usage errors too).
        None => max_distinct_keys().map_err(|m| Failure::Usage(m.render(Lang::En)))?,
    };
    let sample = read_key_sample(&args.file, limit)?;
    let spread = spread(&sample, args.partitions, FREQUENT_KEYS, args.from);
    let format = match args.format {
        ReportFormatArg::Table => KeysFormat::Table,
        ReportFormatArg::Json => KeysFormat::Json,
    };
    super::print(&render_keys(&spread, &args.file, format))?;
    Ok(Exit::Holds)
}
