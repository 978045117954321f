// Long (about 700 lines before its tests): every subcommand's arguments and
// help text (most of it) and the dispatch to the core; rendering is in the
// envelope-render crate.

//! `envelope`: back-of-the-envelope capacity estimates in the terminal.
//!
//! A thin front end over `envelope-core` (the estimates, share links,
//! availability tables), `envelope-render` (text, Markdown, JSON and CSV)
//! and `envelope-charts` (the SVG charts): this binary reads arguments and
//! files and prints; it computes nothing itself.

mod error;
mod input;
mod overrides;
mod schema;

use std::io::Write;
use std::process::ExitCode;

use clap::builder::PossibleValuesParser;
use clap::{Args, Parser, Subcommand, ValueEnum};
use envelope_charts::ChartKind;
use envelope_core::availability::{
    capped_parts, component_from_rows, parse_system, parse_target, rows_from_component,
    stack_from_sizing, system_text, Availability, StackAvailabilities,
};
use envelope_core::followup::{self, Calculator};
use envelope_core::uncertainty::{simulate_ranges, Simulation};
use envelope_core::{
    estimate, estimate_numbers, fields, presets, text, Conventions, MonthLength, Scenario,
    YearLength,
};
use envelope_render as render;
use envelope_render::link::{base_of, scenario_url};

use error::CliError;

/// Back-of-the-envelope capacity estimates: requests/s, bandwidth, storage,
/// servers and cost, each with the arithmetic behind it.
#[derive(Debug, Parser)]
#[command(name = "envelope", version, max_term_width = 100)]
#[command(after_help = "\
Examples:
  envelope presets
  envelope estimate --preset photo-uploads
  envelope estimate 'http://127.0.0.1:8080/?v=1&dau=10M' --format markdown
  envelope estimate --preset twitter --set dau=100M..300M
  envelope availability 99.95%
  envelope tool bloom --preset photo-uploads --set bloom.false_positive_rate=0.1%
  envelope chart storage-growth --preset photo-uploads -o storage.svg")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Estimate a scenario: every figure with its derivation.
    #[command(after_help = "\
INPUT is a share link (a full URL, or its query string starting with '?' or
containing '='), a scenario JSON file (see `envelope schema scenario`), or '-'
to read scenario JSON from standard input (a file or standard input is read up
to 1 MiB). Fields a share link cannot read are
reported as warnings on stderr and keep their defaults.

Any number field may be a range, in the link (dau=1M..10M), the scenario file
or with --set: it is read as a 90% interval (lognormal when both ends are
positive, normal otherwise). Each figure is then the point estimate, every
range at its median, and a seeded Monte Carlo gives its p5, p50, p95 and mean,
plus which inputs move the headline figures most. The same input, seed and
samples always give the same output. JSON adds a `simulation` member
(docs/json.md).

Markdown is the whole report: the title, a `Link:` line with the scenario's
share URL (on the web app at the INPUT URL's address when INPUT is an
http(s) URL, else at --base), the conventions, an Inputs table (every input
that applies, as the web form shows it), then every figure with its
derivation. CSV is the chart series in long format: storage growth (stored,
replicated; by day, in bytes) and an illustrative day's traffic (reads,
writes; by hour, in requests per second).

Examples:
  envelope estimate --preset login-peak
  envelope estimate --preset photo-uploads --rough
  envelope estimate '?v=1&dau=10M&peak_by=hour&peak_hour=20%'
  envelope estimate 'http://127.0.0.1:8080/?v=1&dau=10M' --format markdown > estimate.md
  envelope estimate scenario.json --format markdown --base https://envelope.example.com/
  envelope estimate scenario.json --format json | jq '.sections[0]'
  envelope estimate --preset photo-uploads --format csv > series.csv
  envelope estimate '?dau=1M..10M&seed=7'
  envelope estimate --preset twitter --set dau=100M..300M --set 'c1.out=50KB to 200KB'
  envelope estimate --preset twitter --set dau=100M..300M --samples 100k --seed 2")]
    Estimate {
        #[command(flatten)]
        input: InputArgs,
        #[command(flatten)]
        set: SetArgs,
        #[command(flatten)]
        sampling: SampleArgs,
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = EstimateFormat::Text)]
        format: EstimateFormat,
        /// Interview mode: add each figure's powers-of-ten rough value, its
        /// error and the working behind it (`10^7 requests/day / 10^5 s/day
        /// = 100 /s`: under the derivation in text, a column in Markdown);
        /// JSON always carries them.
        #[arg(long)]
        rough: bool,
        /// The web app's address for the Markdown's share link (default:
        /// the INPUT URL's address when INPUT is an http(s) URL, else
        /// http://127.0.0.1:8080/).
        #[arg(long, value_name = "URL")]
        base: Option<String>,
    },
    /// A follow-up calculator over a scenario: Bloom filter, ID space,
    /// quorums, shards, cache, latency and queues, retries.
    #[command(after_help = "\
NAME is one of bloom, ids, quorum, shards, cache, latency, backoff; without
one, the calculators are listed. The scenario is read as `envelope estimate`
reads it (a share link, a scenario JSON file, '-' or --preset). Each input
the scenario can supply is taken from it (a Bloom filter's items from the
objects it stores, a quorum's N from its replication, ...), the rest are the
calculator's defaults, and any input set with --set KEY=VALUE (or in the
link, or the file's `followup`) wins over both. The output says which is
which. Keys and values: docs/share-links.md, 'Follow-up calculator keys'.

Examples:
  envelope tool
  envelope tool bloom --preset photo-uploads
  envelope tool bloom v=1 --set bloom.items=1M --set bloom.false_positive_rate=1%
  envelope tool ids v=1 --set ids.timestamp_bits=41 --set ids.tick_seconds=1ms
  envelope tool quorum '?replication=5' --set quorum.read_quorum=2
  envelope tool latency --preset twitter --set latency.steps=datacenter_round_trip:2,ssd_random_4kb
  envelope tool backoff scenario.json --set backoff.jitter=equal --format json")]
    #[command(
        override_usage = "envelope tool [NAME] [INPUT|--preset <NAME>] [--set KEY=VALUE]... [--format <FORMAT>]"
    )]
    Tool {
        /// Which calculator; without one, the list.
        #[arg(value_name = "NAME")]
        name: Option<String>,
        #[command(flatten)]
        input: ToolInputArgs,
        #[command(flatten)]
        set: SetArgs,
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Print the share link of a scenario.
    #[command(after_help = "\
Examples:
  envelope url --preset photo-uploads
  envelope url scenario.json --base https://envelope.example.com/
  envelope url '?dau=10M&peak=3x'        # normalises a hand-written link
  envelope url --preset twitter --set dau=100M..300M --seed 7")]
    Url {
        #[command(flatten)]
        input: InputArgs,
        #[command(flatten)]
        set: SetArgs,
        #[command(flatten)]
        sampling: SampleArgs,
        /// The web app's address; the link's query string is put after it.
        #[arg(long, value_name = "URL", default_value = DEFAULT_BASE)]
        base: String,
    },
    /// Downtime allowed per day, week, month, quarter and year; or the
    /// availability of a system of parts.
    #[command(after_help = "\
VALUE is an availability (99.95%, 0.9995, 3.5 nines, four nines) or a downtime
budget (43m 12s per month, 5m a year, 26 s/quarter). Quotes are optional.

SYSTEM is a series of parts separated by ';', each 'name availability', then
'xN any' for N replicas of which any one will do, or 'KofN' for K of N needed;
'any(part, part)' is a group of which any one will do, 'all(part, part)' one
that needs all. With --system, VALUE is the target the system is checked
against. With --scenario, the scenario's availability.system and
availability.target are used (without a system: the stack sized from it, as
the web app does), and its calendar unless --month or --year is given.

Examples:
  envelope availability 99.9%
  envelope availability four nines --format markdown
  envelope availability 43m 12s per month
  envelope availability 99.99% --month 30.44 --year 365.25 --format json
  envelope availability --system 'lb 99.99%; app 99.9% x3 any; db 99.95% 2of3'
  envelope availability 99.99% --system 'lb 99.99%; any(zone a 99.9%, zone b 99.9%)'
  envelope availability --scenario 'https://example.com/?v=1&availability.system=lb%2099.9%25'")]
    Availability {
        /// The availability or downtime budget; with a system, its target.
        #[arg(value_name = "VALUE", required_unless_present_any = ["system", "scenario"], num_args = 1..)]
        value: Vec<String>,
        /// A system of parts whose availability to compute (see below).
        #[arg(long, value_name = "SYSTEM", conflicts_with = "scenario")]
        system: Option<String>,
        /// A share link, scenario JSON file or '-' whose availability
        /// section (system and target) to compute.
        #[arg(long, value_name = "INPUT")]
        scenario: Option<String>,
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Days per month: 30 (SLA month, the default), 30.44 (average
        /// month) or 2.5Ms (the interview month of 2,500,000 s).
        #[arg(long, value_name = "DAYS",
              value_parser = PossibleValuesParser::new(["30", "30.44", "2.5Ms"]))]
        month: Option<String>,
        /// Days per year: 365 (the default) or 365.25 (with leap days).
        #[arg(long, value_name = "DAYS",
              value_parser = PossibleValuesParser::new(["365", "365.25"]))]
        year: Option<String>,
    },
    /// Print a scenario as JSON: a starting point for a scenario file.
    #[command(after_help = "\
Examples:
  envelope scenario --preset twitter > twitter.json
  envelope scenario 'http://127.0.0.1:8080/?v=1&dau=10M' > mine.json
  envelope scenario --preset twitter --set dau=100M..300M > ranged.json
  envelope estimate mine.json")]
    Scenario {
        #[command(flatten)]
        input: InputArgs,
        #[command(flatten)]
        set: SetArgs,
        #[command(flatten)]
        sampling: SampleArgs,
    },
    /// Draw one of the web app's charts as an SVG file.
    #[command(after_help = "\
Prints the chart's text alternative (its data in words) on stdout; with
'-o -' the SVG goes to stdout and the text alternative to stderr.

Examples:
  envelope chart storage-growth --preset photo-uploads -o storage.svg
  envelope chart daily-traffic '?v=1&dau=10M' -o traffic.svg --size 1280x720
  envelope chart bandwidth-by-class scenario.json -o - > bandwidth.svg")]
    #[command(
        override_usage = "envelope chart <KIND> <INPUT|--preset <NAME>> -o <FILE.svg> [--size <WxH>]"
    )]
    Chart {
        /// Which chart.
        #[arg(value_name = "KIND", value_parser = chart_kinds())]
        kind: String,
        #[command(flatten)]
        input: InputArgs,
        #[command(flatten)]
        set: SetArgs,
        /// The SVG file to write; '-' for standard output.
        #[arg(long, short, value_name = "FILE.svg")]
        output: String,
        /// Width and height in pixels, 240x160 to 4096x4096.
        #[arg(long, value_name = "WxH", default_value = "640x360", value_parser = parse_size)]
        size: (u32, u32),
    },
    /// List the built-in scenarios: key, title and description.
    #[command(after_help = "\
Examples:
  envelope presets
  envelope estimate --preset \"$(envelope presets | head -1 | cut -d' ' -f1)\"")]
    Presets,
    /// Print the JSON Schema of scenario files or of the JSON report.
    #[command(after_help = "\
The committed copies are schema/scenario.schema.json and schema/report.schema.json.

Examples:
  envelope schema scenario > scenario.schema.json
  envelope schema report")]
    Schema {
        /// Which document.
        #[arg(value_enum)]
        which: SchemaKind,
    },
}

/// Where the scenario comes from.
#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
struct InputArgs {
    /// A share link (URL or query string), a scenario JSON file, or '-' for
    /// standard input.
    #[arg(value_name = "INPUT")]
    input: Option<String>,
    /// A built-in scenario instead (see `envelope presets`).
    #[arg(long, short, value_name = "NAME")]
    preset: Option<String>,
}

/// Where a calculator's scenario comes from: as [`InputArgs`], but not
/// required, so that `envelope tool` alone lists the calculators.
#[derive(Debug, Args)]
#[group(required = false, multiple = false)]
struct ToolInputArgs {
    /// A share link (URL or query string), a scenario JSON file, or '-' for
    /// standard input.
    #[arg(value_name = "INPUT")]
    input: Option<String>,
    /// A built-in scenario instead (see `envelope presets`).
    #[arg(long, short, value_name = "NAME")]
    preset: Option<String>,
}

/// Fields set over the scenario.
#[derive(Debug, Args)]
struct SetArgs {
    /// Set a field as a share link would: KEY=VALUE, repeatable. Keys are the
    /// link's (dau, peak, retention, c0.in, c1.count, ...); classes=N adds or
    /// removes request classes (new ones are a link's default class); a
    /// number field also takes a range, read as a 90% interval: dau=1M..10M,
    /// 'c0.in=2KB to 5KB'.
    #[arg(long = "set", value_name = "KEY=VALUE", value_parser = overrides::parse_assignment)]
    set: Vec<(String, String)>,
}

/// The Monte Carlo's settings, over the scenario's.
#[derive(Debug, Args)]
struct SampleArgs {
    /// Random seed of the Monte Carlo, a whole number (default: the
    /// scenario's, else 1). The same seed gives the same percentiles.
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    seed: Option<String>,
    /// Scenarios the Monte Carlo draws, 100 to 1M, e.g. 50k (default: the
    /// scenario's, else 10,000).
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    samples: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Aligned text for the terminal.
    Text,
    /// Headings and tables for design docs.
    Markdown,
    /// JSON for programs (reports: see `envelope schema report`).
    Json,
}

/// `envelope estimate`'s formats: [`Format`]'s, and CSV of the series.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum EstimateFormat {
    /// Aligned text for the terminal.
    Text,
    /// The whole report for design docs: link, inputs, headings and tables.
    Markdown,
    /// JSON for programs (see `envelope schema report`).
    Json,
    /// The chart series (storage growth, a day's traffic) as long-format CSV.
    Csv,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum SchemaKind {
    /// Scenario JSON, as `envelope estimate FILE` reads it.
    Scenario,
    /// The report, as `envelope estimate --format json` writes it.
    Report,
    /// A calculator's outcome, as `envelope tool NAME --format json` writes it.
    Tool,
}

fn chart_kinds() -> PossibleValuesParser {
    PossibleValuesParser::new(ChartKind::ALL.map(ChartKind::name))
}

/// `WIDTHxHEIGHT` in pixels, within what the charts are laid out on.
fn parse_size(text: &str) -> Result<(u32, u32), String> {
    let shown = envelope_core::text::displayable(text);
    let bad = || format!("'{shown}' is not a size; write WIDTHxHEIGHT, e.g. 1280x720");
    let (w, h) = text.split_once(['x', 'X']).ok_or_else(bad)?;
    let w: u32 = w.trim().parse().map_err(|_| bad())?;
    let h: u32 = h.trim().parse().map_err(|_| bad())?;
    let (min, max) = (envelope_charts::MIN_SIZE, envelope_charts::MAX_SIZE);
    if !(min.0..=max.0).contains(&w) || !(min.1..=max.1).contains(&h) {
        return Err(format!(
            "{w}x{h} is out of range: the width must be {} to {} and the height {} to {} pixels",
            min.0, max.0, min.1, max.1
        ));
    }
    Ok((w, h))
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return error::clap_exit(&e),
    };
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let mut stderr = std::io::stderr().lock();
            for line in e.message.lines() {
                let _ = writeln!(stderr, "error: {}", text::displayable(line));
            }
            ExitCode::from(e.code)
        }
    }
}

fn run(command: Command) -> Result<(), CliError> {
    match command {
        Command::Estimate {
            input,
            set,
            sampling,
            format,
            rough,
            base,
        } => {
            let scenario = load(&input, &set, Some(&sampling))?;
            let report = estimate(&scenario).map_err(|errors| CliError::fields(&errors))?;
            let sim = simulation_of(&scenario)?;
            let sim = sim.as_ref();
            let out = match format {
                EstimateFormat::Text => render::text::render(&report, sim, rough),
                EstimateFormat::Markdown => {
                    let base = base.unwrap_or_else(|| link_base(&input).to_owned());
                    let url = scenario_url(&base, &scenario);
                    let options = render::markdown::Options {
                        simulation: sim,
                        rough,
                        link: Some(&url),
                    };
                    render::markdown::render(&report, &scenario, options)
                }
                EstimateFormat::Json => render::json::render(&report, sim)
                    .map_err(|e| CliError::output(format!("cannot serialize to JSON: {e}")))?,
                EstimateFormat::Csv => render::csv::render(&report),
            };
            print(&out)
        }
        Command::Url {
            input,
            set,
            sampling,
            base,
        } => {
            let scenario = load_valid(&input, &set, Some(&sampling))?;
            print(&format!("{}\n", scenario_url(&base, &scenario)))
        }
        Command::Scenario {
            input,
            set,
            sampling,
        } => {
            let scenario = load_valid(&input, &set, Some(&sampling))?;
            print(&json(&scenario)?)
        }
        Command::Availability {
            value,
            system,
            scenario,
            format,
            month,
            year,
        } => {
            let loaded = scenario
                .as_deref()
                .map(|input| input::load(Some(input), None))
                .transpose()?;
            if let Some(loaded) = &loaded {
                warn(&loaded.warnings);
            }
            let base = loaded
                .as_ref()
                .map_or_else(Conventions::default, |l| l.scenario.conventions);
            let conventions = Conventions {
                month: match month.as_deref() {
                    Some("30.44") => MonthLength::Days30_44,
                    Some("2.5Ms") => MonthLength::Interview,
                    Some(_) => MonthLength::Days30,
                    None => base.month,
                },
                year: match year.as_deref() {
                    Some("365.25") => YearLength::Days365_25,
                    Some(_) => YearLength::Days365,
                    None => base.year,
                },
                ..base
            };
            let text = value.join(" ");
            if system.is_none() && loaded.is_none() {
                let table = parse_availability(&text, &conventions)?.downtime_table(&conventions);
                let out = match format {
                    Format::Text => render::availability::text(&table),
                    Format::Markdown => render::availability::markdown(&table),
                    Format::Json => json(&table)?,
                };
                return print(&out);
            }
            let (system, target) = match (system, &loaded) {
                (Some(system), _) => (system, None),
                (None, Some(loaded)) => scenario_system(&loaded.scenario)?,
                (None, None) => unreachable!("checked above"),
            };
            // A target given on the command line wins over the scenario's.
            let target = if text.trim().is_empty() {
                target
            } else {
                Some(text)
            };
            let rows = parse_system(&system)
                .map_err(|e| CliError::input(format!("availability.system: {e}")))?;
            let result = component_from_rows(&rows)
                .and_then(|c| c.evaluate(&conventions).map_err(|e| e.to_string()))
                .map_err(|e| CliError::input(format!("availability.system: {e}")))?;
            let target = target
                .map(|t| parse_availability(&t, &conventions).map(|a| (t, a)))
                .transpose()?;
            let report = render::availability::SystemReport {
                system: system_text(&rows),
                result,
                target,
                conventions,
            };
            let out = match format {
                Format::Text => render::availability::system_text(&report),
                Format::Markdown => render::availability::system_markdown(&report),
                Format::Json => json(&render::availability::JsonSystem::new(&report))?,
            };
            print(&out)
        }
        Command::Chart {
            kind,
            input,
            set,
            output,
            size,
        } => {
            let kind = ChartKind::from_name(&kind).ok_or_else(|| {
                CliError::input(format!(
                    "unknown chart kind '{kind}'; valid kinds: {}",
                    chart_names()
                ))
            })?;
            let scenario = load(&input, &set, None)?;
            let report = estimate(&scenario).map_err(|errors| CliError::fields(&errors))?;
            let chart = envelope_charts::render(kind, &report, size);
            let svg = chart.standalone();
            if output == "-" {
                print(&svg)?;
                let _ = writeln!(std::io::stderr(), "{}", text::displayable(&chart.alt));
                Ok(())
            } else {
                std::fs::write(&output, svg)
                    .map_err(|e| CliError::output(format!("cannot write '{output}': {e}")))?;
                print(&format!("{}\n", text::displayable(&chart.alt)))
            }
        }
        Command::Tool {
            name,
            input,
            set,
            format,
        } => {
            let Some(name) = name else {
                return print(&render::tool::list());
            };
            let calculator = Calculator::from_key(&name).ok_or_else(|| {
                CliError::input(format!(
                    "unknown tool '{name}'; valid tools: {}",
                    Calculator::ALL.map(Calculator::key).join(", ")
                ))
            })?;
            let input = InputArgs {
                input: input.input,
                preset: input.preset,
            };
            let scenario = load_valid(&input, &set, None)?;
            let numbers =
                estimate_numbers(&scenario).map_err(|errors| CliError::fields(&errors))?;
            let outcome = followup::run(calculator, &scenario, &numbers);
            let section = outcome
                .section
                .as_ref()
                .map_err(|errors| CliError::fields(errors))?;
            let c = &scenario.conventions;
            let out = match format {
                Format::Text => render::tool::text(&outcome, section, &scenario.name, c),
                Format::Markdown => render::tool::markdown(&outcome, section, &scenario.name, c),
                Format::Json => json(&render::tool::JsonTool {
                    version: render::tool::TOOL_VERSION,
                    tool: calculator.key(),
                    question: calculator.question(),
                    scenario: &scenario.name,
                    conventions: *c,
                    inputs: render::tool::inputs(&outcome, c),
                    section,
                })?,
            };
            print(&out)
        }
        Command::Presets => {
            let all = presets::presets();
            let width = all.iter().map(|p| p.key.len()).max().unwrap_or(0);
            let out: String = all
                .iter()
                .map(|p| {
                    format!(
                        "{:<width$}  {} \u{2014} {}\n",
                        p.key, p.title, p.description
                    )
                })
                .collect();
            print(&out)
        }
        Command::Schema { which } => print(&schema(which)?),
    }
}

/// The scenario named on the command line with any `--set`, `--seed` and
/// `--samples` applied over it; link warnings, and warnings about set fields
/// that do not apply, go to stderr.
fn load(
    args: &InputArgs,
    set: &SetArgs,
    sampling: Option<&SampleArgs>,
) -> Result<Scenario, CliError> {
    let mut loaded = input::load(args.input.as_deref(), args.preset.as_deref())?;
    warn(&loaded.warnings);
    let warnings = overrides::apply(
        &mut loaded.scenario,
        &set.set,
        sampling.and_then(|s| s.seed.as_deref()),
        sampling.and_then(|s| s.samples.as_deref()),
    )?;
    warn(&warnings);
    Ok(loaded.scenario)
}

/// [`load`], then every field checked: bad fields are the error.
fn load_valid(
    args: &InputArgs,
    set: &SetArgs,
    sampling: Option<&SampleArgs>,
) -> Result<Scenario, CliError> {
    let scenario = load(args, set, sampling)?;
    let errors = fields::validate(&scenario);
    if errors.is_empty() {
        Ok(scenario)
    } else {
        Err(CliError::fields(&errors))
    }
}

/// `warning: key: message` lines on stderr, keys and messages as text
/// ([`text::displayable`]): a link's key is untrusted.
fn warn(warnings: &[(String, String)]) {
    let mut stderr = std::io::stderr().lock();
    for (key, message) in warnings {
        let (key, message) = (text::displayable(key), text::displayable(message));
        let _ = if key.is_empty() {
            writeln!(stderr, "warning: {message}")
        } else {
            writeln!(stderr, "warning: {key}: {message}")
        };
    }
}

/// The Monte Carlo of a scenario with ranged inputs (that apply); `None`
/// for a point scenario, whose output stays exactly as it was.
fn simulation_of(scenario: &Scenario) -> Result<Option<Simulation>, CliError> {
    simulate_ranges(scenario).map_err(|errors| CliError::fields(&errors))
}

/// The web app's address share links are printed at unless told otherwise.
const DEFAULT_BASE: &str = "http://127.0.0.1:8080/";

/// Where the Markdown's share link points when no `--base` is given: the
/// address of INPUT when it is an http(s) URL (and no `--preset` replaces
/// it), its query and fragment dropped; else [`DEFAULT_BASE`].
fn link_base(args: &InputArgs) -> &str {
    match (&args.input, &args.preset) {
        (Some(input), None) => {
            let input = input.trim();
            let scheme = input.get(..8).unwrap_or(input).to_ascii_lowercase();
            if scheme.starts_with("http://") || scheme.starts_with("https://") {
                base_of(input)
            } else {
                DEFAULT_BASE
            }
        }
        _ => DEFAULT_BASE,
    }
}

/// The system and target of a scenario's availability section: as set, or
/// (no system set) the stack sized from the scenario, as the web app shows.
fn scenario_system(scenario: &Scenario) -> Result<(String, Option<String>), CliError> {
    let target = scenario.availability.target.clone();
    if let Some(system) = &scenario.availability.system {
        return Ok((system.clone(), target));
    }
    let report = estimate(scenario).map_err(|errors| CliError::fields(&errors))?;
    // A count the system cannot take as sized is said, never changed silently.
    let capped: Vec<(String, String)> = capped_parts(&report.sizing)
        .into_iter()
        .map(|note| (String::new(), note))
        .collect();
    warn(&capped);
    let stack = stack_from_sizing(&report.sizing, &StackAvailabilities::default());
    Ok((system_text(&rows_from_component(&stack)), target))
}

/// An availability figure or a downtime budget, as the core reads targets.
fn parse_availability(text: &str, conventions: &Conventions) -> Result<Availability, CliError> {
    parse_target(text, conventions).map_err(|e| CliError::input(format!("availability: {e}")))
}

fn chart_names() -> String {
    ChartKind::ALL.map(ChartKind::name).join(", ")
}

/// Pretty JSON with a final newline.
fn json<T: serde::Serialize>(value: &T) -> Result<String, CliError> {
    serde_json::to_string_pretty(value)
        .map(|s| s + "\n")
        .map_err(|e| CliError::output(format!("cannot serialize to JSON: {e}")))
}

/// The JSON Schema of scenario files or of the JSON report.
fn schema(which: SchemaKind) -> Result<String, CliError> {
    match which {
        SchemaKind::Scenario => json(&schema::scenario()),
        SchemaKind::Report => json(&schema::report()),
        SchemaKind::Tool => json(&schema::tool()),
    }
}

/// Writes to stdout; a closed pipe (`envelope presets | head -1`) is not an
/// error.
fn print(text: &str) -> Result<(), CliError> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(CliError::output(format!(
            "cannot write to standard output: {e}"
        ))),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_is_well_formed() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }

    #[test]
    fn markdown_links_go_to_the_input_urls_address() {
        let args = |input: Option<&str>, preset: Option<&str>| InputArgs {
            input: input.map(str::to_owned),
            preset: preset.map(str::to_owned),
        };
        let base = |input, preset| link_base(&args(input, preset)).to_owned();
        assert_eq!(
            base(Some(" HTTPS://x.example/app?v=1&dau=1M#top "), None),
            "HTTPS://x.example/app"
        );
        assert_eq!(base(Some("http://h:1/?v=1"), None), "http://h:1/");
        assert_eq!(base(Some("?v=1&dau=1M"), None), DEFAULT_BASE);
        assert_eq!(base(Some("scenario.json"), None), DEFAULT_BASE);
        assert_eq!(base(Some("http"), None), DEFAULT_BASE);
        assert_eq!(base(None, Some("twitter")), DEFAULT_BASE);
    }

    #[test]
    fn sizes() {
        assert_eq!(parse_size("1280x720"), Ok((1280, 720)));
        assert!(parse_size("1280").is_err());
        assert_eq!(parse_size("240x160"), Ok((240, 160)));
        assert_eq!(parse_size("4096X4096"), Ok((4096, 4096)));
        let range = "the width must be 240 to 4096 and the height 160 to 4096 pixels";
        assert_eq!(
            parse_size("0x0"),
            Err(format!("0x0 is out of range: {range}"))
        );
        assert!(parse_size("4097x720").is_err());
        assert!(parse_size("640x159").is_err());
        assert_eq!(
            parse_size("\u{1b}[2J"),
            Err("'\\u{1b}[2J' is not a size; write WIDTHxHEIGHT, e.g. 1280x720".to_owned())
        );
    }

    #[test]
    fn availabilities_and_budgets() {
        let c = Conventions::default();
        assert_eq!(
            parse_availability("99.9%", &c).unwrap().to_string(),
            "99.9%"
        );
        assert_eq!(
            parse_availability("43m 12s per month", &c)
                .unwrap()
                .to_string(),
            "99.9%"
        );
        let e = parse_availability("lots", &c).unwrap_err();
        assert_eq!(e.code, error::EXIT_INPUT);
        assert!(e.message.starts_with("availability: "), "{}", e.message);
    }
}
