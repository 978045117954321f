//! The estimate's arithmetic without its words: every figure of
//! [`crate::estimate`]'s report as a plain number, in report order, with no
//! allocation per call. The Monte Carlo calls it once per sample.
//!
//! It mirrors `estimate.rs` formula by formula; a property test
//! (`core/tests/uncertainty.rs`) checks that the two agree on every figure of
//! random scenarios, so a change to one that misses the other fails.

use crate::estimate::growth_days;
use crate::{Direction, Frequency, Scenario};

/// Which optional figures the report has; fixed for a scenario's shape.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Shape {
    /// The report has `total.read_write_ratio` (the scenario writes).
    pub read_write_ratio: bool,
}

/// Writes every figure of the report for `s` into `out` (cleared first), in
/// the report's order: users, requests, bandwidth, storage, cache, servers,
/// cost, then each request class.
pub(crate) fn evaluate(s: &Scenario, shape: Shape, out: &mut Vec<f64>) {
    out.clear();
    let c = &s.conventions;
    let day = c.seconds_per_day();
    let dpm = c.days_per_month();
    let dpy = c.days_per_year();
    let pf = s.peak.factor();
    let dau = s.users.daily_active();
    out.push(dau);

    let base_writes: f64 = s
        .classes
        .iter()
        .filter(|k| {
            k.direction == Direction::Write && !matches!(k.frequency, Frequency::PerWrite(_))
        })
        .map(|k| k.frequency.requests_per_day(dau, 0.0, c))
        .sum();
    let overhead = (1.0 + s.storage.overhead) / s.storage.compression_ratio;

    let (mut per_day, mut avg) = (0.0, 0.0);
    let (mut reads_day, mut avg_reads) = (0.0, 0.0);
    let (mut writes_day, mut avg_writes) = (0.0, 0.0);
    let (mut ingress_day, mut egress_day, mut stored_day, mut reads_out_day) = (0.0, 0.0, 0.0, 0.0);
    for k in &s.classes {
        let n = k.frequency.requests_per_day(dau, base_writes, c);
        let a = n / day;
        per_day += n;
        avg += a;
        match k.direction {
            Direction::Read => {
                reads_day += n;
                avg_reads += a;
                reads_out_day += k.bytes_out * n;
            }
            Direction::Write => {
                writes_day += n;
                avg_writes += a;
            }
        }
        ingress_day += k.bytes_in * n;
        egress_day += k.bytes_out * n;
        stored_day += k.stored_per_request() * overhead * n;
    }

    // Requests.
    out.extend_from_slice(&[
        per_day,
        avg,
        avg * pf,
        avg_reads,
        avg_reads * pf,
        avg_writes,
        avg_writes * pf,
    ]);
    if shape.read_write_ratio {
        // Undefined without writes (NaN, left out of the statistics).
        out.push(if writes_day > 0.0 {
            reads_day / writes_day
        } else {
            f64::NAN
        });
    }

    // Bandwidth.
    let ingress_avg = ingress_day / day;
    let egress_avg = egress_day / day;
    for (total, rate) in [(ingress_day, ingress_avg), (egress_day, egress_avg)] {
        out.extend_from_slice(&[total, rate, rate * pf, total * dpm]);
    }

    // Storage.
    let st = &s.storage;
    let kept = stored_day * growth_days(st.retention_seconds / 86_400.0, dpy, st.yearly_growth);
    let replicated = kept * st.replication;
    let provisioned = replicated / st.target_fill;
    out.extend_from_slice(&[
        stored_day,
        stored_day * dpm,
        stored_day * dpy,
        kept,
        replicated,
        provisioned,
    ]);

    // Cache.
    let cap = &s.capacity;
    let memory = reads_out_day * cap.cache_hot_share;
    let cache_nodes = (memory / cap.cache_node_bytes).ceil();
    out.extend_from_slice(&[memory, cache_nodes]);

    // Servers.
    let by_requests = (avg * pf / (cap.server_rps * cap.target_utilisation)).ceil();
    let busiest = ingress_avg.max(egress_avg) * pf;
    let by_bandwidth = (busiest / (cap.nic_bits_per_second / 8.0 * cap.target_utilisation)).ceil();
    let app = by_requests.max(by_bandwidth) + cap.spare_servers.ceil();
    out.extend_from_slice(&[
        by_requests,
        by_bandwidth,
        app,
        (provisioned / cap.storage_node_bytes).ceil(),
        (kept / cap.shard_bytes).ceil(),
    ]);

    // Cost.
    let cost = &s.cost;
    let compute = (app + cache_nodes) * cost.server_month_usd;
    let storage = provisioned / 1e9 * cost.storage_gb_month_usd;
    let egress = egress_day * dpm / 1e9 * cost.egress_gb_usd;
    out.extend_from_slice(&[compute, storage, egress, compute + storage + egress]);

    // Each class.
    for k in &s.classes {
        let n = k.frequency.requests_per_day(dau, base_writes, c);
        let a = n / day;
        out.extend_from_slice(&[n, a, a * pf, k.bytes_in * n, k.bytes_out * n]);
        if k.direction == Direction::Write {
            out.push(k.stored_per_request() * overhead * n);
        }
    }
}
