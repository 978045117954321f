// Long (about 650 lines before its tests): the reference table's 14
// operations with their sources, beside the three calculations that use
// them (budget, Little's law, M/M/c).

//! Latency and queues: a request's latency budget from the reference
//! latency table, Little's law, and M/M/c queueing up to the p99 response
//! time, which shows why a server at 90% utilisation has far less than
//! "10% headroom".
//!
//! - Budget: the sum of `count x time` over the steps a request takes,
//!   each step an operation of [`OPERATIONS`] (Jeff Dean's or Colin Scott's
//!   figures, [`Source`]).
//! - Little's law: requests in the system `L = lambda W` for arrival rate
//!   `lambda` and time in the system `W`, whatever the distributions.
//! - M/M/c: Poisson arrivals at `lambda`, `c` servers each serving
//!   exponentially distributed requests at rate `mu`, one shared FIFO queue
//!   (a load balancer that sends each request to a free server; random
//!   routing to `c` separate queues waits longer). Utilisation
//!   `rho = lambda / (c mu)`; the chance of waiting is Erlang's C formula;
//!   the mean wait `Wq = C / (c mu - lambda)`; the mean response
//!   `Wq + 1 / mu`. The response time's tail is
//!   `P(T > t) = (1 - C) e^(-mu t) + C P(E1 + E2 > t)` with `E1`, `E2`
//!   exponential at rates `c mu - lambda` (the wait) and `mu` (the
//!   service); the p99 solves `P(T > t) = 1%` by bisection. M/M/1 is
//!   `c = 1`, where the response time is exponential at `mu - lambda`.
//!   Utilisation at or above 1 is an error: arrivals exceed capacity and
//!   the queue grows without bound.
//!
//! ```
//! use envelope_core::followup::latency;
//! // One server of 1,000 requests/s: p99 = ln(100) / (mu - lambda).
//! let at_50 = latency::mmc(500.0, 1, 1000.0).unwrap().p99;
//! let at_90 = latency::mmc(900.0, 1, 1000.0).unwrap().p99;
//! assert!((at_50 - 100f64.ln() / 500.0).abs() < 1e-12);
//! assert!((at_90 / at_50 - 5.0).abs() < 1e-9); // 5x the p99 at 90%, not 1.8x
//! ```

use super::{figure, m, n, section, Check, Note, Origin, Prefilled};
use crate::{format, keys, Conventions, InputError, Measure, Numbers, Scenario, Section};

/// One operation of the reference latency table.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Operation {
    /// A stable key for inputs and links: `datacenter_round_trip`.
    pub key: &'static str,
    /// What it is, for people.
    pub label: &'static str,
    /// Jeff Dean's figure, in seconds.
    pub dean_seconds: f64,
    /// Colin Scott's figure for 2020, in seconds.
    pub scott_seconds: f64,
}

/// The latency numbers every engineer should know: Jeff Dean, "Numbers
/// everyone should know" (2009 LADIS keynote; values as in the widely
/// shared 2012 list), and Colin Scott, "Latency numbers every programmer
/// should know" (interactive, values for 2020, extrapolated from hardware
/// trends). Orders of magnitude, not benchmarks. The web page's reference
/// table shows the same figures.
pub const OPERATIONS: [Operation; 14] = [
    op("l1_cache", "L1 cache reference", 0.5e-9, 1e-9),
    op("branch_mispredict", "Branch mispredict", 5e-9, 3e-9),
    op("l2_cache", "L2 cache reference", 7e-9, 4e-9),
    op("mutex", "Mutex lock/unlock", 25e-9, 17e-9),
    op("memory", "Main memory reference", 100e-9, 100e-9),
    op(
        "compress_1kb",
        "Compress 1 KB with Zippy (Snappy)",
        3e-6,
        2e-6,
    ),
    op(
        "send_1kb",
        "Send 1 KB over a 1 Gbps network (Scott: 2 KB, commodity network)",
        10e-6,
        44e-9,
    ),
    op(
        "ssd_random_4kb",
        "Read 4 KB randomly from SSD",
        150e-6,
        16e-6,
    ),
    op(
        "memory_1mb",
        "Read 1 MB sequentially from memory",
        250e-6,
        3e-6,
    ),
    op(
        "datacenter_round_trip",
        "Round trip within the same datacenter",
        500e-6,
        500e-6,
    ),
    op("ssd_1mb", "Read 1 MB sequentially from SSD", 1e-3, 49e-6),
    op("disk_seek", "Disk seek", 10e-3, 2e-3),
    op(
        "disk_1mb",
        "Read 1 MB sequentially from disk",
        20e-3,
        825e-6,
    ),
    op(
        "continent_round_trip",
        "Send a packet California -> Netherlands -> California",
        150e-3,
        150e-3,
    ),
];

const fn op(key: &'static str, label: &'static str, dean: f64, scott: f64) -> Operation {
    Operation {
        key,
        label,
        dean_seconds: dean,
        scott_seconds: scott,
    }
}

/// The operation with key `key`, if any.
pub fn operation(key: &str) -> Option<&'static Operation> {
    OPERATIONS.iter().find(|o| o.key == key)
}

/// Whose latency figures a budget uses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Source {
    /// Jeff Dean's list (2009-2012), the figures interviews quote.
    #[default]
    Dean,
    /// Colin Scott's figures for 2020.
    Scott2020,
}

impl Source {
    /// The operation's time under this source, in seconds.
    pub fn seconds(self, operation: &Operation) -> f64 {
        match self {
            Source::Dean => operation.dean_seconds,
            Source::Scott2020 => operation.scott_seconds,
        }
    }
}

/// One step of a request: an operation of [`OPERATIONS`], some times.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    /// The operation's key ([`Operation::key`]).
    pub operation: String,
    /// How many times the request does it, 0 to 1,000,000.
    pub count: u32,
}

impl Step {
    /// `count` times `operation`.
    pub fn new(operation: &str, count: u32) -> Step {
        Step {
            operation: operation.to_owned(),
            count,
        }
    }
}

/// The most times a request may take one step.
pub const MAX_STEP_COUNT: u32 = 1_000_000;

/// The longest text of steps ([`steps_text`]): a share link's longest value
/// ([`crate::link::MAX_VALUE_CHARS`]), so that any steps a scenario holds fit
/// in its link.
pub const MAX_STEPS_TEXT: usize = crate::link::MAX_VALUE_CHARS;

/// Steps as the `latency.steps` input writes them: each operation's key,
/// with `:count` unless it is taken once, separated by commas.
///
/// ```
/// use envelope_core::followup::latency::{self, Step};
/// let steps = [Step::new("datacenter_round_trip", 2), Step::new("memory_1mb", 1)];
/// assert_eq!(latency::steps_text(&steps), "datacenter_round_trip:2,memory_1mb");
/// assert_eq!(latency::parse_steps("datacenter_round_trip:2, memory_1mb"), Ok(steps.to_vec()));
/// ```
pub fn steps_text(steps: &[Step]) -> String {
    let items: Vec<String> = steps
        .iter()
        .map(|step| match step.count {
            1 => step.operation.clone(),
            count => format!("{}:{count}", step.operation),
        })
        .collect();
    items.join(",")
}

/// Reads steps written as [`steps_text`] writes them (spaces around the
/// parts allowed): every operation one of [`OPERATIONS`], every count a
/// whole number up to [`MAX_STEP_COUNT`], at most [`MAX_STEPS`] steps and
/// [`MAX_STEPS_TEXT`] characters as written back. The problem is worded for
/// people, naming the step.
pub fn parse_steps(text: &str) -> Result<Vec<Step>, String> {
    let mut steps = Vec::new();
    for (index, item) in text.split(',').enumerate() {
        if index >= MAX_STEPS {
            return Err(format!("at most {MAX_STEPS} steps"));
        }
        let number = index + 1;
        let (key, count) = match item.split_once(':') {
            Some((key, count)) => (key.trim(), Some(count.trim())),
            None => (item.trim(), None),
        };
        if key.is_empty() {
            return Err(format!(
                "step {number} is empty; write operation:count, separated by commas"
            ));
        }
        if operation(key).is_none() {
            let known: Vec<_> = OPERATIONS.iter().map(|o| o.key).collect();
            return Err(format!(
                "step {number}: unknown operation \"{}\"; one of {}",
                crate::text::displayable(&key.chars().take(40).collect::<String>()),
                known.join(", ")
            ));
        }
        let count = match count {
            None => 1,
            Some(count) => match count.parse::<u32>() {
                Ok(c) if c <= MAX_STEP_COUNT && count.bytes().all(|b| b.is_ascii_digit()) => c,
                _ => {
                    return Err(format!(
                        "step {number}: the count '{}' is not a whole number from 0 to {}",
                        crate::text::displayable(&count.chars().take(40).collect::<String>()),
                        format::number(f64::from(MAX_STEP_COUNT))
                    ))
                }
            },
        };
        steps.push(Step::new(key, count));
    }
    if steps_text(&steps).chars().count() > MAX_STEPS_TEXT {
        return Err(format!(
            "longer than {MAX_STEPS_TEXT} characters as written (operation:count, ...)"
        ));
    }
    Ok(steps)
}

/// A latency budget and a queue of servers.
#[derive(Clone, Debug, PartialEq)]
pub struct Inputs {
    /// The request's steps, at most 100.
    pub steps: Vec<Step>,
    /// Whose figures the steps take.
    pub source: Source,
    /// Requests arriving per second (`lambda`).
    pub arrival_rate: f64,
    /// Servers sharing the queue (`c`), 1 to 100,000.
    pub servers: u32,
    /// Requests per second one server completes when busy (`mu`).
    pub service_rate: f64,
}

impl Default for Inputs {
    /// Two datacenter round trips, two random SSD reads and 1 MB read from
    /// memory, in Dean's figures; 3,000 requests/s on 4 servers of 1,000/s
    /// (75% utilisation).
    fn default() -> Self {
        Inputs {
            steps: vec![
                Step::new("datacenter_round_trip", 2),
                Step::new("ssd_random_4kb", 2),
                Step::new("memory_1mb", 1),
            ],
            source: Source::Dean,
            arrival_rate: 3e3,
            servers: 4,
            service_rate: 1e3,
        }
    }
}

/// The most steps a budget takes.
pub const MAX_STEPS: usize = 100;
/// The most servers a queue takes (Erlang's C formula is summed over them).
pub const MAX_SERVERS: u32 = 100_000;

/// An M/M/c queue's figures, in seconds where they are times.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Queue {
    /// `rho = lambda / (c mu)`, a fraction below 1.
    pub utilisation: f64,
    /// The chance that a request waits (Erlang C).
    pub wait_probability: f64,
    /// The mean wait in the queue, `Wq`.
    pub mean_wait: f64,
    /// The mean response time, `Wq + 1 / mu`.
    pub mean_response: f64,
    /// The 99th percentile of the response time.
    pub p99: f64,
}

/// The M/M/c queue of `servers` servers at `service_rate` each with
/// arrivals at `arrival_rate`; `None` when it is unstable (utilisation 1
/// or more) or an input is out of range (no servers, a rate not positive
/// and finite, more than [`MAX_SERVERS`]).
pub fn mmc(arrival_rate: f64, servers: u32, service_rate: f64) -> Option<Queue> {
    let valid = (1..=MAX_SERVERS).contains(&servers)
        && service_rate > 0.0
        && service_rate.is_finite()
        && arrival_rate >= 0.0;
    if !valid {
        return None;
    }
    let capacity = f64::from(servers) * service_rate;
    let utilisation = arrival_rate / capacity;
    if utilisation >= 1.0 {
        return None;
    }
    let wait_probability = erlang_c(servers, arrival_rate / service_rate);
    let drain = capacity - arrival_rate;
    let mean_wait = wait_probability / drain;
    let tail = |t: f64| {
        (1.0 - wait_probability) * (-service_rate * t).exp()
            + wait_probability * sum_of_exponentials_tail(drain, service_rate, t)
    };
    Some(Queue {
        utilisation,
        wait_probability,
        mean_wait,
        mean_response: mean_wait + 1.0 / service_rate,
        p99: solve_tail(tail, 0.01, 1.0 / service_rate)?,
    })
}

/// Erlang's C formula for `c` servers and offered load `a = lambda / mu <
/// c`: from Erlang's B by the recursion `B(k) = a B(k-1) / (k + a B(k-1))`,
/// which stays within 0..1 for any `c` (the textbook sum of `a^k / k!`
/// overflows past a few hundred servers), then `C = B / (1 - rho (1 - B))`.
fn erlang_c(c: u32, a: f64) -> f64 {
    let mut b = 1.0;
    for k in 1..=c {
        b = a * b / (f64::from(k) + a * b);
    }
    let rho = a / f64::from(c);
    b / (1.0 - rho * (1.0 - b))
}

/// `P(E1 + E2 > t)` for independent exponentials at rates `x` and `y`:
/// with `a <= b` the two rates, `e^(-a t) (1 + a (1 - e^(-(b - a) t)) /
/// (b - a))`, written with `expm1` so that it holds as `b` nears `a`
/// (where it is `e^(-a t) (1 + a t)`).
fn sum_of_exponentials_tail(x: f64, y: f64, t: f64) -> f64 {
    let (a, b) = if x <= y { (x, y) } else { (y, x) };
    let d = b - a;
    let g = if d == 0.0 { t } else { -(-d * t).exp_m1() / d };
    (-a * t).exp() * (1.0 + a * g)
}

/// The `t` where the decreasing `tail` (1 at 0) falls to `target`: the
/// bracket doubles from `start` until it holds the answer, then bisection
/// halves it; both bounded, so `None` rather than a loop that never ends.
fn solve_tail(tail: impl Fn(f64) -> f64, target: f64, start: f64) -> Option<f64> {
    let (mut lo, mut hi) = (0.0, start);
    let mut doublings = 0;
    while tail(hi) > target {
        lo = hi;
        hi *= 2.0;
        doublings += 1;
        if doublings > 1_100 || !hi.is_finite() {
            return None;
        }
    }
    for _ in 0..200 {
        let mid = lo + (hi - lo) / 2.0;
        if mid <= lo || mid >= hi {
            break;
        }
        if tail(mid) > target {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Some(lo + (hi - lo) / 2.0)
}

/// The utilisations the p99 chart is drawn at: 5% to 95% by 5, then 97%,
/// 98% and 99%, where the curve turns up.
const CHART_UTILISATIONS: [f64; 22] = [
    0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85,
    0.9, 0.95, 0.97, 0.98, 0.99,
];

/// The chart of p99 response time against utilisation for `servers`
/// servers at `service_rate` each: `(utilisation, p99 in seconds)` from 5%
/// to 99%. Empty when the servers or the rate are out of range.
///
/// ```
/// let series = envelope_core::followup::latency::p99_series(1, 1000.0);
/// assert_eq!(series.len(), 22);
/// // ln 100 / (1000 - 1000 rho): 4.848 ms at 5%, 46.05 ms at 90%, 460.5 ms at 99%.
/// assert!((series[17].1 / series[0].1 - 9.5).abs() < 1e-9);
/// ```
pub fn p99_series(servers: u32, service_rate: f64) -> Vec<(f64, f64)> {
    let capacity = f64::from(servers) * service_rate;
    CHART_UTILISATIONS
        .iter()
        .map_while(|&rho| Some((rho, mmc(rho * capacity, servers, service_rate)?.p99)))
        .collect()
}

/// The budget's and the queue's figures: each step (`latency.step.0`,
/// ...), the budget (`latency.budget`), requests in flight at the budget
/// (`latency.in_flight`, Little's law); the queue's utilisation
/// (`latency.utilisation`), chance of waiting (`latency.wait_probability`),
/// mean wait (`latency.mean_wait`), mean response
/// (`latency.mean_response`), requests in the system (`latency.in_system`,
/// Little's law), p99 response (`latency.p99`) and the p99 the same servers
/// would have at 90% utilisation (`latency.p99_at_90`).
pub fn compute(inputs: &Inputs, c: &Conventions) -> Result<Section, Vec<InputError>> {
    validate(inputs)?;
    let source = inputs.source;
    let mut figures = Vec::with_capacity(inputs.steps.len() + 9);
    let mut budget = 0.0;
    let mut terms = Vec::with_capacity(inputs.steps.len());
    for (index, step) in inputs.steps.iter().enumerate() {
        // Validated: every step names an operation.
        let Some(op) = operation(&step.operation) else {
            continue;
        };
        let each = source.seconds(op);
        let total = each * f64::from(step.count);
        budget += total;
        let each_text = format::duration(each);
        terms.push(format!("{} x {each_text}", step.count));
        figures.push(figure(
            &format!("latency.step.{index}"),
            &format!("{} x {}", step.count, op.label),
            Measure::seconds(total),
            format!("{} x {each_text} ({})", step.count, source_name(source)),
            c,
        ));
    }
    figures.push(figure(
        "latency.budget",
        "Latency budget",
        Measure::seconds(budget),
        if terms.is_empty() {
            "no steps".to_owned()
        } else {
            terms.join(" + ")
        },
        c,
    ));
    let lambda = inputs.arrival_rate;
    let rate = m(Measure::per_second(lambda), c);
    figures.push(figure(
        "latency.in_flight",
        "Requests in flight at the budget (Little's law)",
        Measure::Count(lambda * budget),
        format!("L = lambda W = {rate} x {}", format::duration(budget)),
        c,
    ));
    let (servers, mu) = (inputs.servers, inputs.service_rate);
    let queue = mmc(lambda, servers, mu).ok_or_else(|| unstable(inputs, c))?;
    let capacity = f64::from(servers) * mu;
    let service = m(Measure::per_second(mu), c);
    let at_90 = mmc(0.9 * capacity, servers, mu).ok_or_else(|| unstable(inputs, c))?;
    figures.extend([
        figure(
            "latency.utilisation",
            "Utilisation",
            Measure::Fraction(queue.utilisation),
            format!("rho = lambda / (c mu) = {rate} / ({servers} x {service})"),
            c,
        ),
        figure(
            "latency.wait_probability",
            "Chance a request waits (Erlang C)",
            Measure::Fraction(queue.wait_probability),
            format!(
                "Erlang C for c = {servers} servers and lambda / mu = {} busy servers' worth",
                n(lambda / mu)
            ),
            c,
        ),
        figure(
            "latency.mean_wait",
            "Mean wait in the queue",
            Measure::seconds(queue.mean_wait),
            format!(
                "Wq = C / (c mu - lambda) = {} / ({} - {rate})",
                n(queue.wait_probability),
                m(Measure::per_second(capacity), c)
            ),
            c,
        ),
        figure(
            "latency.mean_response",
            "Mean response time",
            Measure::seconds(queue.mean_response),
            format!(
                "Wq + 1 / mu = {} + {}",
                format::duration(queue.mean_wait),
                format::duration(1.0 / mu)
            ),
            c,
        ),
        figure(
            "latency.in_system",
            "Requests in the system (Little's law)",
            Measure::Count(lambda * queue.mean_response),
            format!(
                "L = lambda W = {rate} x {}",
                format::duration(queue.mean_response)
            ),
            c,
        ),
        figure(
            "latency.p99",
            "p99 response time",
            Measure::seconds(queue.p99),
            format!(
                "t where (1 - C) e^(-mu t) + C P(wait + service > t) = 1%, at {} utilisation",
                m(Measure::Fraction(queue.utilisation), c)
            ),
            c,
        ),
        figure(
            "latency.p99_at_90",
            "p99 response time at 90% utilisation",
            Measure::seconds(at_90.p99),
            format!(
                "the same servers at lambda = 0.9 x {}: {}x the p99 at {}",
                m(Measure::per_second(capacity), c),
                n(at_90.p99 / queue.p99),
                m(Measure::Fraction(queue.utilisation), c)
            ),
            c,
        ),
    ]);
    section(super::Calculator::Latency, figures)
}

fn source_name(source: Source) -> &'static str {
    match source {
        Source::Dean => "Dean",
        Source::Scott2020 => "Scott, 2020",
    }
}

/// The error for a queue whose arrivals reach its capacity.
fn unstable(inputs: &Inputs, c: &Conventions) -> Vec<InputError> {
    let capacity = f64::from(inputs.servers) * inputs.service_rate;
    vec![InputError::new(
        "latency.arrival_rate",
        "Arrival rate",
        format!(
            "unstable: arrivals exceed capacity ({} >= {} servers x {} = {}); the queue grows without bound, so add servers or capacity",
            m(Measure::per_second(inputs.arrival_rate), c),
            inputs.servers,
            m(Measure::per_second(inputs.service_rate), c),
            m(Measure::per_second(capacity), c)
        ),
    )]
}

fn validate(i: &Inputs) -> Result<(), Vec<InputError>> {
    let mut check = Check::new();
    if i.steps.len() > MAX_STEPS {
        check.fail(
            "latency.steps",
            "Steps",
            format!("at most {MAX_STEPS} steps (got {})", i.steps.len()),
        );
    }
    for (index, step) in i.steps.iter().enumerate().take(MAX_STEPS) {
        if operation(&step.operation).is_none() {
            let known: Vec<_> = OPERATIONS.iter().map(|o| o.key).collect();
            check.fail(
                &format!("latency.steps.{index}.operation"),
                &format!("Step {} operation", index + 1),
                format!(
                    "unknown operation \"{}\"; one of {}",
                    step.operation.chars().take(40).collect::<String>(),
                    known.join(", ")
                ),
            );
        }
        check.whole(
            &format!("latency.steps.{index}.count"),
            &format!("Step {} count", index + 1),
            step.count,
            0,
            MAX_STEP_COUNT,
        );
    }
    check.field("latency.arrival_rate", i.arrival_rate);
    check.whole_field("latency.servers", i.servers);
    check.field("latency.service_rate", i.service_rate);
    check.finish()
}

/// The inputs with the arrival rate from the scenario's peak requests, the
/// servers from its application servers and the service rate from its
/// requests per server (at 100% load; the scenario plans for its target
/// utilisation, which the queue then shows).
pub fn prefill(s: &Scenario, numbers: &Numbers) -> Prefilled<Inputs> {
    let c = &s.conventions;
    let mut inputs = Inputs::default();
    let mut notes = Vec::new();
    if let Some(peak) = numbers.get(keys::PEAK_RPS) {
        inputs.arrival_rate = peak.base_value();
        notes.push(Note {
            origin: Origin::Scenario,
            field: "latency.arrival_rate",
            text: format!("lambda = {} from the scenario's peak requests", m(peak, c)),
        });
    }
    if let Some(app) = numbers.get(keys::APP_SERVERS) {
        inputs.servers = app.base_value().clamp(1.0, f64::from(MAX_SERVERS)) as u32;
        notes.push(Note {
            origin: Origin::Scenario,
            field: "latency.servers",
            text: format!(
                "c = {} servers: the scenario's application servers",
                inputs.servers
            ),
        });
    }
    inputs.service_rate = s.capacity.server_rps;
    notes.push(Note {
        origin: Origin::Scenario,
        field: "latency.service_rate",
        text: format!(
            "mu = {} per server from the scenario's capacity",
            m(Measure::per_second(s.capacity.server_rps), c)
        ),
    });
    Prefilled { inputs, notes }
}

/// The inputs as used: what the user set in the scenario
/// ([`crate::Scenario::followup`]) over [`prefill`], each input with a
/// [`Note`] saying whether it was set or came from the scenario.
pub fn effective(s: &Scenario, numbers: &Numbers) -> Prefilled<Inputs> {
    super::effective::overlay(prefill(s, numbers), s, super::Calculator::Latency, |all| {
        &mut all.latency
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::estimate_numbers;
    use proptest::prelude::*;

    use crate::followup::test_value as value;

    #[test]
    fn the_budget_sums_its_steps() {
        let c = Conventions::default();
        let s = compute(&Inputs::default(), &c).unwrap();
        // Dean: 2 x 500 us + 2 x 150 us + 1 x 250 us = 1,550 us.
        assert!((value(&s, "latency.budget") - 1.55e-3).abs() < 1e-15);
        assert_eq!(
            s.figures[3].derivation,
            "2 x 500 us + 2 x 150 us + 1 x 250 us = 1.55 ms"
        );
        assert_eq!(
            s.figures[0].label,
            "2 x Round trip within the same datacenter"
        );
        // Little: 3,000 /s x 1.55 ms = 4.65 requests in flight.
        assert!((value(&s, "latency.in_flight") - 4.65).abs() < 1e-12);
        // Scott 2020: 2 x 500 us + 2 x 16 us + 3 us = 1,035 us.
        let scott = Inputs {
            source: Source::Scott2020,
            ..Inputs::default()
        };
        let s = compute(&scott, &c).unwrap();
        assert!((value(&s, "latency.budget") - 1.035e-3).abs() < 1e-15);
    }

    #[test]
    fn m_m_1() {
        // lambda = 800, mu = 1,000: rho = 0.8 = C; Wq = 0.8 / 200 = 4 ms;
        // T = 5 ms; T is exponential at mu - lambda = 200 /s, so
        // p99 = ln 100 / 200 = 4.60517 / 200 = 23.026 ms.
        let q = mmc(800.0, 1, 1000.0).unwrap();
        assert!((q.utilisation - 0.8).abs() < 1e-15);
        assert!((q.wait_probability - 0.8).abs() < 1e-12);
        assert!((q.mean_wait - 0.004).abs() < 1e-15);
        assert!((q.mean_response - 0.005).abs() < 1e-15);
        assert!((q.p99 - 0.023_025_85).abs() < 1e-9, "{}", q.p99);
    }

    #[test]
    fn m_m_2() {
        // lambda = mu = 1, c = 2: a = 1, rho = 0.5. Erlang B: B1 = 1/2,
        // B2 = 1 x 0.5 / (2 + 0.5) = 0.2; C = 0.2 / (1 - 0.5 x 0.8) = 1/3.
        // Wq = (1/3) / (2 - 1) = 1/3 (the textbook Lq = 2 rho^3 / (1 - rho^2)
        // = 0.25 / 0.75 = 1/3 over lambda = 1); T = 4/3.
        let q = mmc(1.0, 2, 1.0).unwrap();
        assert!((q.wait_probability - 1.0 / 3.0).abs() < 1e-15);
        assert!((q.mean_wait - 1.0 / 3.0).abs() < 1e-15);
        assert!((q.mean_response - 4.0 / 3.0).abs() < 1e-15);
        // Both rates are 1 (c mu - lambda = mu): P(T > t) = (2/3) e^-t +
        // (1/3) e^-t (1 + t) = e^-t (1 + t/3) = 0.01 at t = 5.66596.
        assert!((q.p99 - 5.665_960_7).abs() < 1e-6, "{}", q.p99);
    }

    #[test]
    fn ninety_percent_is_not_ten_percent_headroom() {
        let c = Conventions::default();
        let s = compute(&Inputs::default(), &c).unwrap();
        // c = 4, mu = 1,000, lambda = 3,000: rho = 75%.
        assert_eq!(value(&s, "latency.utilisation"), 0.75);
        let p99 = value(&s, "latency.p99");
        let at_90 = value(&s, "latency.p99_at_90");
        assert!(at_90 > 2.0 * p99, "{at_90} vs {p99}");
        // Little: in the system = lambda x mean response.
        let t = value(&s, "latency.mean_response");
        assert!((value(&s, "latency.in_system") - 3e3 * t).abs() < 1e-9);
        // The chart rises ever faster: one server, p99 = ln 100 / (mu (1 - rho)).
        let series = p99_series(1, 1000.0);
        for &(rho, p99) in &series {
            assert!((p99 - 100f64.ln() / (1000.0 * (1.0 - rho))).abs() < 1e-9 * p99);
        }
    }

    #[test]
    fn an_overloaded_queue_is_an_error() {
        let c = Conventions::default();
        let i = Inputs {
            arrival_rate: 4_000.0,
            ..Inputs::default()
        };
        let errors = compute(&i, &c).unwrap_err();
        assert_eq!(errors[0].field, "latency.arrival_rate");
        assert_eq!(
            errors[0].message,
            "Arrival rate: unstable: arrivals exceed capacity (4 k req/s >= 4 servers x 1 k req/s = 4 k req/s); the queue grows without bound, so add servers or capacity"
        );
        assert_eq!(mmc(1000.0, 1, 1000.0), None);
        assert_eq!(mmc(1.0, 0, 1000.0), None);
    }

    #[test]
    fn unknown_operations_name_their_step() {
        let i = Inputs {
            steps: vec![Step::new("memory", 1), Step::new("floppy", 2)],
            ..Inputs::default()
        };
        let errors = compute(&i, &Conventions::default()).unwrap_err();
        assert_eq!(errors[0].field, "latency.steps.1.operation");
        assert!(errors[0]
            .message
            .starts_with("Step 2 operation: unknown operation \"floppy\"; one of l1_cache, "));
    }

    #[test]
    fn no_arrivals_never_wait() {
        // lambda = 0: no one waits; p99 is the service time's, ln 100 / mu.
        let q = mmc(0.0, 3, 10.0).unwrap();
        assert_eq!(q.wait_probability, 0.0);
        assert!((q.p99 - 100f64.ln() / 10.0).abs() < 1e-12);
    }

    #[test]
    fn prefills_from_the_scenario() {
        let s = Scenario::default();
        let p = prefill(&s, &estimate_numbers(&s).unwrap());
        // Peak 1.1e7 requests/day / 86,400 x 2 = 254.6 /s on 1 server of 1,000 /s.
        assert!((p.inputs.arrival_rate - 2.2e7 / 86_400.0).abs() < 1e-9);
        assert_eq!((p.inputs.servers, p.inputs.service_rate), (1, 1000.0));
        assert_eq!(
            p.notes[0].text,
            "lambda = 254.6 req/s from the scenario's peak requests"
        );
        assert_eq!(
            p.notes[1].text,
            "c = 1 servers: the scenario's application servers"
        );
    }

    proptest! {
        #[test]
        fn waits_grow_with_utilisation(c in 1u32..200, rho in 0.01f64..0.98, more in 0.001f64..0.02) {
            let mu = 100.0;
            let capacity = f64::from(c) * mu;
            let a = mmc(rho * capacity, c, mu).unwrap();
            let b = mmc((rho + more) * capacity, c, mu).unwrap();
            prop_assert!(b.mean_wait >= a.mean_wait);
            prop_assert!(b.p99 >= a.p99 * (1.0 - 1e-9));
            prop_assert!((0.0..=1.0).contains(&a.wait_probability));
            // The p99 is at least the service time's own p99 minus rounding.
            prop_assert!(a.p99 >= 100f64.ln() / mu * (1.0 - 1e-9));
        }

        #[test]
        fn the_p99_is_where_the_tail_is_one_percent(c in 1u32..50, rho in 0.0f64..0.999) {
            // Checked against the tail evaluated independently by the
            // mixture's two branches: P(T > p99) = 1%.
            let mu = 1.0;
            let lambda = rho * f64::from(c);
            let q = mmc(lambda, c, mu).unwrap();
            let drain = f64::from(c) * mu - lambda;
            let w = q.wait_probability;
            let tail = (1.0 - w) * (-mu * q.p99).exp() + w * sum_of_exponentials_tail(drain, mu, q.p99);
            prop_assert!((tail - 0.01).abs() < 1e-9, "{tail}");
        }

        #[test]
        fn any_inputs_give_finite_figures_or_errors(
            lambda in prop_oneof![Just(f64::NAN), -1.0f64..2e18],
            servers in 0u32..200_000,
            mu in prop_oneof![Just(f64::INFINITY), -1.0f64..1e6],
            count in 0u32..2_000_000,
        ) {
            let i = Inputs { arrival_rate: lambda, servers, service_rate: mu, steps: vec![Step::new("disk_seek", count)], ..Inputs::default() };
            if let Ok(s) = compute(&i, &Conventions::default()) {
                prop_assert!(s.figures.iter().all(|f| f.value.base_value().is_finite()));
            }
        }
    }
}
