//! `kplan init`: a commented request file to start from.

use crate::cli::{InitArgs, TopicTypeArg};
use crate::error::Failure;
use crate::exit::Exit;
use crate::i18n::Lang;
use crate::init::{default_name, request_template};
use crate::request::TopicType;
use crate::request::parse::check_topic_name;

pub fn run(args: InitArgs, lang: Lang) -> Result<Exit, Failure> {
    let kind = match args.kind {
        TopicTypeArg::Online => TopicType::Online,
        TopicTypeArg::Batch => TopicType::Batch,
    };
    let name = args.name.as_deref().unwrap_or(default_name(kind));
    if name.is_empty() {
        return Err(Failure::Usage("--name: a topic name is needed".to_string()));
    }
    check_topic_name(name).map_err(|problem| Failure::Usage(format!("--name: {problem}")))?;
    super::print(&request_template(lang, kind, name))?;
    Ok(Exit::Holds)
}
