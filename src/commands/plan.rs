//! `kplan plan FILE`: the capacity plan for one topic request.

use std::path::Path;

use crate::cli::{ClientArg, PlanArgs, PlanFormatArg};
use crate::clients::Client;
use crate::error::Failure;
use crate::exit::Exit;
use crate::i18n::Lang;
use crate::input::file::io_reason;
use crate::load::{Profiles, load};
use crate::model::curve::{Curve, curve};
use crate::model::plan;
use crate::render::{PlanFormat, chart, render_plan_in};

pub fn run(args: PlanArgs, lang: Lang) -> Result<Exit, Failure> {
    if let Some(path) = &args.chart {
        refuse_input_as_chart(path, &args.file, "the request file")?;
        if let Some(profile) = &args.profile {
            refuse_input_as_chart(path, profile, "the --profile file")?;
        }
    }
    let profiles = Profiles::with_custom(args.profile.as_deref())?;
    let loaded = load(&args.file, &profiles)?;
    let plan = plan(&loaded.plan_input());
    if let Some(path) = &args.chart {
        write_chart(&plan, &curve(&loaded.plan_input(), &plan), path)?;
    }
    super::print(&render_plan_in(
        lang,
        &plan,
        format(args.format),
        client(args.client),
    ))?;
    Ok(Exit::for_plan(plan.status))
}

/// `--chart request.toml` (a slip of tab completion) would replace an input with an SVG.
fn refuse_input_as_chart(chart: &Path, input: &Path, what: &str) -> Result<(), Failure> {
    // Both exist only if the chart path does; compared resolved, so `./a` is `a`.
    let same = match (std::fs::canonicalize(chart), std::fs::canonicalize(input)) {
        (Ok(chart), Ok(input)) => chart == input,
        _ => false,
    };
    if same {
        return Err(Failure::Usage(format!(
            "--chart {}: is {what}; writing the chart would overwrite it",
            chart.display()
        )));
    }
    Ok(())
}

/// The chart goes to the file before the plan goes to standard output, so a chart that
/// cannot be written stops the run before anything is printed.
fn write_chart(plan: &crate::model::Plan, curve: &Curve, path: &Path) -> Result<(), Failure> {
    let svg = chart::render(plan, curve).map_err(|e| {
        Failure::Output(format!(
            "--chart {}: cannot draw the chart: {e}",
            path.display()
        ))
    })?;
    std::fs::write(path, svg).map_err(|e| {
        Failure::Output(format!(
            "--chart {}: cannot write: {}",
            path.display(),
            io_reason(&e)
        ))
    })
}

pub fn client(arg: ClientArg) -> Client {
    match arg {
        ClientArg::Java => Client::Java,
        ClientArg::Librdkafka => Client::Librdkafka,
        ClientArg::Spring => Client::Spring,
    }
}

fn format(arg: PlanFormatArg) -> PlanFormat {
    match arg {
        PlanFormatArg::Table => PlanFormat::Table,
        PlanFormatArg::Json => PlanFormat::Json,
        PlanFormatArg::Markdown => PlanFormat::Markdown,
        PlanFormatArg::Jira => PlanFormat::Jira,
        PlanFormatArg::Properties => PlanFormat::Properties,
    }
}
