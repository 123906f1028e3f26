//! `kplan plan --chart FILE.svg`: the plan's curve (`model::curve`) as an SVG picture to
//! attach to a ticket: drain time (batch) or predicted p99 delay (online) against the
//! partition count, with the target, the cap, the need and the recommendation marked.
//!
//! Drain time falls as 1/P and reads well on a linear axis. Delay spans from the p99
//! latency to unbounded near saturation, so its axis is logarithmic, and the counts
//! where consumers cannot keep up are shaded. plotters with its SVG backend only: text
//! goes into the file as SVG `<text>`, so no font is read to draw it. The same plan
//! always gives the same bytes.

use plotters::coord::Shift;
use plotters::coord::ranged1d::ValueFormatter;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

use crate::human::number;
use crate::model::Plan;
use crate::model::curve::{Curve, CurvePoint, Measure};

const SIZE: (u32, u32) = (960, 600);
const FONT: &str = "sans-serif";

const CURVE: RGBColor = RGBColor(31, 119, 180);
const TARGET: RGBColor = RGBColor(214, 39, 40);
const CAP: RGBColor = RGBColor(255, 127, 14);
const RECOMMENDED: RGBColor = RGBColor(44, 160, 44);
const QUIET: RGBColor = RGBColor(127, 127, 127);
const GRID: RGBColor = RGBColor(235, 235, 235);

type Area<'b> = DrawingArea<SVGBackend<'b>, Shift>;
type Chart<'a, 'b, Y> = ChartContext<'a, SVGBackend<'b>, Cartesian2d<RangedCoordf64, Y>>;
type Drawn = Result<(), Box<dyn std::error::Error>>;

/// The chart as SVG text.
pub fn render(plan: &Plan, curve: &Curve) -> Result<String, String> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        draw(&root, plan, curve).map_err(|e| e.to_string())?;
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(svg + "\n")
}

/// The y range and the words for what is drawn.
struct Axis {
    low: f64,
    high: f64,
    what: &'static str,
    unit: &'static str,
}

fn draw(root: &Area, plan: &Plan, c: &Curve) -> Drawn {
    root.fill(&WHITE)?;
    let x_max = c.points.last().map_or(2, |p| p.partitions) as f64 + 1.0;
    let largest = largest_mark(c);
    let title = |what: &str| {
        format!(
            "{} ({}): {what} by partition count",
            plan.topic,
            plan.kind.as_str()
        )
    };
    let mut builder = ChartBuilder::on(root);
    builder
        .margin(16)
        .x_label_area_size(48)
        .y_label_area_size(72);
    match c.measure {
        Measure::DrainMinutes => {
            // From zero to well past the target, so the approach to it is in view.
            let axis = Axis {
                low: 0.0,
                high: largest * 2.5,
                what: "drain time",
                unit: "min",
            };
            builder.caption(title(axis.what), (FONT, 22));
            let chart = builder.build_cartesian_2d(0f64..x_max, axis.low..axis.high)?;
            draw_chart(chart, c, &axis, x_max)
        }
        Measure::P99DelayMs => {
            // From the power of ten below the p99 latency (plotters labels a log axis
            // from its first power of ten) to well above the objective.
            let floor = c.floor.unwrap_or(largest / 100.0);
            let axis = Axis {
                low: 10f64.powf((floor * 0.8).log10().floor()),
                high: largest * 4.0,
                what: "predicted p99 delay",
                unit: "ms",
            };
            builder.caption(title(axis.what), (FONT, 22));
            let chart =
                builder.build_cartesian_2d(0f64..x_max, (axis.low..axis.high).log_scale())?;
            draw_chart(chart, c, &axis, x_max)
        }
    }
}

/// Everything after the axes, the same on a linear or a logarithmic y axis.
fn draw_chart<'a, 'b: 'a, Y>(
    mut chart: Chart<'a, 'b, Y>,
    c: &Curve,
    axis: &Axis,
    x_max: f64,
) -> Drawn
where
    Y: Ranged<ValueType = f64> + ValueFormatter<f64>,
{
    chart
        .configure_mesh()
        .x_desc("partitions")
        .y_desc(format!("{} ({})", axis.what, axis.unit))
        .y_labels(20)
        // A log axis has its own subdivisions; light lines between them only add noise.
        .y_max_light_lines(1)
        .x_label_formatter(&|x| format!("{x:.0}"))
        .y_label_formatter(&|y| number(*y))
        .label_style((FONT, 14))
        .light_line_style(GRID)
        .draw()?;
    draw_saturation(&mut chart, c, axis)?;
    chart
        .draw_series(LineSeries::new(
            visible(&c.points, axis.high),
            CURVE.stroke_width(2),
        ))?
        .label(format!("{} ({})", axis.what, axis.unit))
        .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], CURVE.stroke_width(2)));
    draw_levels(&mut chart, c, axis, x_max)?;
    draw_counts(&mut chart, c, axis)?;
    // Both measures fall as partitions grow, so the lower left stays clear of the curve.
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::LowerLeft)
        .background_style(WHITE.mix(0.9))
        .border_style(QUIET)
        .label_font((FONT, 14))
        .draw()?;
    Ok(())
}

/// The largest value marked on the chart: the target, the value at the recommended or
/// needed count, the p99 latency.
fn largest_mark(c: &Curve) -> f64 {
    let marked = [c.target, c.at(c.recommended), c.at(c.needed), c.floor];
    let largest = marked
        .into_iter()
        .flatten()
        .filter(|v| v.is_finite() && *v > 0.0)
        .fold(0.0, f64::max);
    if largest > 0.0 { largest } else { 1.0 }
}

/// The curve's points within the chart: where it enters from above, the crossing of the
/// top edge is interpolated, so the line starts at the edge, not in mid-air. Both
/// measures fall as partitions are added, so the visible part is one run of points.
fn visible(points: &[CurvePoint], y_max: f64) -> Vec<(f64, f64)> {
    let mut line: Vec<(f64, f64)> = Vec::new();
    let mut above: Option<(f64, f64)> = None;
    for point in points {
        let x = point.partitions as f64;
        match point.value {
            Some(v) if v <= y_max => {
                if let (true, Some((x0, v0))) = (line.is_empty(), above) {
                    line.push((x0 + (v0 - y_max) / (v0 - v) * (x - x0), y_max));
                }
                line.push((x, v));
            }
            Some(v) if line.is_empty() => above = Some((x, v)),
            _ if line.is_empty() => above = None,
            _ => break,
        }
    }
    line
}

fn legend_line(style: ShapeStyle) -> impl Fn((i32, i32)) -> PathElement<(i32, i32)> {
    move |(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], style)
}

/// Online: the counts at which consumers run at 100% or more, shaded.
fn draw_saturation<Y>(chart: &mut Chart<Y>, c: &Curve, axis: &Axis) -> Drawn
where
    Y: Ranged<ValueType = f64>,
{
    let Some(saturation) = c.saturation.filter(|s| *s > 0.0) else {
        return Ok(());
    };
    let shade = TARGET.mix(0.08).filled();
    chart
        .draw_series([Rectangle::new(
            [(0.0, axis.low), (saturation, axis.high)],
            shade,
        )])?
        .label(format!(
            "{} partitions or fewer: consumers cannot keep up",
            saturation.floor()
        ))
        .legend(|(x, y)| Rectangle::new([(x, y - 5), (x + 20, y + 5)], TARGET.mix(0.25).filled()));
    Ok(())
}

/// Horizontal marks: the target, and online the p99 latency no delay can go below.
fn draw_levels<Y>(chart: &mut Chart<Y>, c: &Curve, axis: &Axis, x_max: f64) -> Drawn
where
    Y: Ranged<ValueType = f64>,
{
    if let Some(target) = c.target {
        let name = match c.measure {
            Measure::DrainMinutes => "target",
            Measure::P99DelayMs => "delay objective",
        };
        let style = TARGET.stroke_width(2);
        let line = [(0.0, target), (x_max, target)];
        chart
            .draw_series(DashedLineSeries::new(line, 10, 6, style))?
            .label(format!("{name}: {} {}", number(target), axis.unit))
            .legend(legend_line(style));
    }
    if let Some(floor) = c.floor {
        let style = QUIET.stroke_width(1);
        let line = [(0.0, floor), (x_max, floor)];
        chart
            .draw_series(DashedLineSeries::new(line, 3, 4, style))?
            .label(format!(
                "p99 latency: {} ms, the least any delay can be",
                number(floor)
            ))
            .legend(legend_line(style));
    }
    Ok(())
}

/// Vertical marks: the cap, the need when it is not what is recommended, and the
/// recommendation with its value.
fn draw_counts<Y>(chart: &mut Chart<Y>, c: &Curve, axis: &Axis) -> Drawn
where
    Y: Ranged<ValueType = f64>,
{
    let vertical = |p: u64| [(p as f64, axis.low), (p as f64, axis.high)];
    if c.needed != c.recommended {
        let needed = QUIET.stroke_width(2);
        chart
            .draw_series(DashedLineSeries::new(vertical(c.needed), 4, 4, needed))?
            .label(format!("needed: {} partitions", c.needed))
            .legend(legend_line(needed));
    }
    let at = c.at(c.recommended);
    let value = match at {
        Some(v) => format!("{} {}", number(v), axis.unit),
        None => "unbounded, consumers cannot keep up".to_string(),
    };
    let style = RECOMMENDED.stroke_width(2);
    chart
        .draw_series(LineSeries::new(vertical(c.recommended), style))?
        .label(format!(
            "recommended: {} partitions, {value}",
            c.recommended
        ))
        .legend(legend_line(style));
    // The cap goes over the recommendation, which is often the same count.
    let cap = CAP.stroke_width(2);
    chart
        .draw_series(DashedLineSeries::new(
            vertical(u64::from(c.cap)),
            10,
            6,
            cap,
        ))?
        .label(format!("cap: {} partitions", c.cap))
        .legend(legend_line(cap));
    if let Some(v) = at.filter(|v| *v <= axis.high) {
        let font = (FONT, 15).into_font().color(&RECOMMENDED);
        let label = format!("{} partitions: {value}", c.recommended);
        chart.draw_series([EmptyElement::at((c.recommended as f64, v))
            + Circle::new((0, 0), 6, RECOMMENDED.filled())
            + Text::new(label, (10, -24), font)])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn points(values: &[Option<f64>]) -> Vec<CurvePoint> {
        values
            .iter()
            .enumerate()
            .map(|(i, &value)| CurvePoint {
                partitions: i as u64 + 1,
                value,
            })
            .collect()
    }

    #[test]
    fn the_curve_enters_at_the_top_edge() {
        // From 100 at x=2 to 20 at x=3, the edge at 60 is crossed halfway.
        let line = visible(&points(&[None, Some(100.0), Some(20.0), Some(10.0)]), 60.0);
        assert_eq!(line, [(2.5, 60.0), (3.0, 20.0), (4.0, 10.0)]);
    }

    #[test]
    fn an_unbounded_start_leaves_no_crossing_to_draw() {
        let line = visible(&points(&[None, None, Some(20.0)]), 60.0);
        assert_eq!(line, [(3.0, 20.0)]);
    }
}
