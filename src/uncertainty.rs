//! Ranges and percentiles: the Monte Carlo's inputs, histograms of the
//! headline figures, the tornado of what moves each one, and a speed test of
//! the sampler in this browser.
//!
//! The simulation itself is the core's ([`envelope_core::uncertainty`]); it
//! runs on every change of a ranged scenario, on the main thread, in slices
//! of at most [`SLICE_MS`] that yield to the browser between them, so typing
//! stays smooth whatever a link asks for (10,000 samples take one slice; the
//! most the work budget allows, a few hundred). A newer input cancels the
//! run of an older one.

use envelope_charts::{histogram_chart, tornado_chart};
use envelope_core::decimal::Decimal;
use envelope_core::uncertainty::{Distribution, Simulation, Simulator, StandardNormal, Xoshiro256};
use envelope_core::{format, Conventions, Measure};
use leptos::prelude::*;

use crate::erased::{self, Memo, RwSignal};
use crate::html::Html;
use std::time::Duration;

use crate::charts::without_style_elements;
use crate::drawing::Drawing;
use crate::form::Form;
use crate::list::{keyed_into, When};
use crate::visible::{
    cell_width, chart_size, drawn_when_visible, drawn_width, near_screen, ElementRef,
};

/// A simulation and how long it took here.
#[derive(Clone, PartialEq)]
pub struct Simulated {
    /// What the core found.
    pub simulation: Simulation,
    /// Conventions to print its figures with.
    pub conventions: Conventions,
    /// Milliseconds the simulation took in this browser.
    pub ms: f64,
}

/// Milliseconds since the page started (0 where there is no clock).
pub(crate) fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// The longest a slice of the Monte Carlo holds the main thread, in ms (a
/// figure's summary may overrun it by a few ms): a keystroke waits at most
/// this long, well under the 50 ms that feel instant.
const SLICE_MS: f64 = 12.0;
/// The most values (samples x figures) a simulation may have to run in
/// the task of the keystroke that asked for it, so that it is painted with
/// it: the first preset's 10,000 samples of 40 figures take about 5 ms.
const SMALL_WORK: usize = 1 << 20;
/// Samples drawn between looks at the clock.
const SAMPLES_PER_STEP: usize = 32;

/// Where the Monte Carlo of the latest input is; the page shows it as
/// `data-` attributes of the status line (for the browser tests).
#[derive(Clone, Copy, Default, PartialEq)]
pub struct Progress {
    /// Runs started: one per change of a ranged scenario.
    pub generation: u64,
    /// Runs cancelled by a newer input before they finished.
    pub cancelled: u64,
    /// Whether the latest run is still going.
    pub running: bool,
    /// Samples the latest run has drawn, and of how many.
    pub done: usize,
    /// The latest run's samples in all.
    pub samples: usize,
    /// Slices the latest run has taken so far.
    pub slices: u32,
    /// The longest of them so far, in ms: what a keystroke may have waited.
    pub longest_ms: f64,
}

/// The Monte Carlo of the form's scenario and where its run is.
#[derive(Clone, Copy)]
pub struct Simulating {
    /// The latest finished simulation: `None` while no applicable input is
    /// a range or the input cannot be estimated. While a newer one runs, the
    /// one before stays.
    pub result: erased::ReadSignal<Option<Simulated>>,
    /// Where the latest run is.
    pub progress: erased::ReadSignal<Progress>,
}

/// The Monte Carlo of the form's scenario, rerun whenever it changes, in
/// slices (see [`SLICE_MS`]); a small simulation ([`SMALL_WORK`]) starts
/// right away, so that it is painted with the keystroke that asked for it.
pub fn simulated(form: Form) -> Simulating {
    let result = RwSignal::new(None::<Simulated>);
    let progress = RwSignal::new(Progress::default());
    erased::effect(move || {
        let simulator = form.outcome.with(|o| {
            if o.stale || o.scenario.uncertainty.ranges.is_empty() {
                return None;
            }
            let simulator = Simulator::seeded(&o.scenario).ok()?;
            Some((simulator, o.scenario.conventions))
        });
        // A newer generation is what cancels the run before.
        let before = progress.get_untracked();
        let next = Progress {
            generation: before.generation + 1,
            cancelled: before.cancelled + u64::from(before.running),
            ..Progress::default()
        };
        let Some((simulator, conventions)) = simulator else {
            progress.set(next);
            result.set(None);
            return;
        };
        progress.set(Progress {
            running: true,
            samples: simulator.samples(),
            ..next
        });
        let small = simulator.work() <= SMALL_WORK;
        let run = Run {
            simulator,
            conventions,
            generation: next.generation,
            ms: 0.0,
            slices: 0,
        };
        if small {
            run.slice(result, progress);
        } else {
            // The keystroke's own task already estimated and rendered the
            // scenario: a large run starts in a task of its own.
            set_timeout(move || run.slice(result, progress), Duration::ZERO);
        }
    });
    Simulating {
        result: result.read_only(),
        progress: progress.read_only(),
    }
}

/// One simulation between its slices.
struct Run {
    simulator: Simulator<Xoshiro256>,
    conventions: Conventions,
    generation: u64,
    /// Milliseconds its slices have taken so far.
    ms: f64,
    slices: u32,
}

impl Run {
    /// Draws samples, then summarises figures, for up to [`SLICE_MS`]; then
    /// either gives the simulation or queues the next slice behind whatever
    /// the browser has waiting (a keystroke, a paint). Stops unseen when a
    /// newer input has started another run.
    fn slice(mut self, result: RwSignal<Option<Simulated>>, progress: RwSignal<Progress>) {
        if progress.with_untracked(|p| p.generation) != self.generation {
            return;
        }
        let start = now_ms();
        let mut finished = false;
        while now_ms() - start < SLICE_MS {
            if self.simulator.run_samples(SAMPLES_PER_STEP) == 0
                && self.simulator.summarise_figures(1) == 0
            {
                finished = true;
                break;
            }
        }
        self.slices += 1;
        let (done, samples, slices) =
            (self.simulator.done(), self.simulator.samples(), self.slices);
        if !finished {
            let took = now_ms() - start;
            self.ms += took;
            progress.update(|p| {
                (p.done, p.slices) = (done, slices);
                p.longest_ms = p.longest_ms.max(took);
            });
            set_timeout(move || self.slice(result, progress), Duration::ZERO);
            return;
        }
        let simulation = self.simulator.finish();
        let took = now_ms() - start;
        let ms = self.ms + took;
        let (generation, conventions) = (self.generation, self.conventions);
        let show = move || {
            if progress.with_untracked(|p| p.generation) != generation {
                return;
            }
            progress.update(|p| {
                (p.done, p.samples, p.slices, p.running) = (done, samples, slices, false);
                p.longest_ms = p.longest_ms.max(took);
            });
            result.set((!simulation.inputs.is_empty()).then_some(Simulated {
                simulation,
                conventions,
                ms,
            }));
        };
        if slices == 1 {
            // A small run, painted with the keystroke that asked for it.
            show();
        } else {
            // A large run's result renders in a task of its own: rendering
            // the spreads of a large scenario is a task's worth of work by
            // itself, which after the last slice would make one long task.
            set_timeout(show, Duration::ZERO);
        }
    }
}

/// ` N of M samples could not be estimated ...` when some could not, else
/// nothing.
fn undefined_text(sim: &Simulation) -> String {
    if sim.undefined == 0 {
        return String::new();
    }
    [
        " ",
        &format::number(f64::from(sim.undefined)),
        " of ",
        &format::number(f64::from(sim.samples)),
        " samples could not be estimated (a figure past the largest number, or undefined) and are left out of that figure's percentiles.",
    ]
    .concat()
}

/// `noun`, with an `s` unless there is one.
fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        noun.to_owned()
    } else {
        [noun, "s"].concat()
    }
}

/// `p5 … · median … · p95 … · mean …` for figure `key`, or nothing.
pub fn spread_text(sim: &Simulated, key: &str) -> Option<String> {
    let spread = sim.simulation.output(key)?;
    let c = &sim.conventions;
    let m = |x: &Measure| format::measure(x, c);
    Some(
        [
            "p5 ",
            &m(&spread.p5),
            " · median ",
            &m(&spread.p50),
            " · p95 ",
            &m(&spread.p95),
            " · mean ",
            &m(&spread.mean),
        ]
        .concat(),
    )
}

/// The uncertainty section: how ranges work, what was sampled, histograms,
/// tornado and the speed test.
#[component]
pub fn UncertaintySection(form: Form, simulating: Simulating) -> impl IntoView {
    let simulated = simulating.result;
    let progress = simulating.progress;
    let has = move || simulated.with(Option::is_some);
    let status = move || {
        simulated.with(|s| match s {
            Some(s) => {
                let sim = &s.simulation;
                [
                    &format::number(f64::from(sim.samples)),
                    " samples (seed ",
                    &sim.seed.map(|x| x.to_string()).unwrap_or_default(),
                    ") of ",
                    &sim.inputs.len().to_string(),
                    &plural(sim.inputs.len(), " ranged input"),
                    ", drawn and estimated in ",
                    &format::number((s.ms * 10.0).round() / 10.0),
                    " ms in this browser.",
                    &undefined_text(sim),
                ]
                .concat()
            }
            None if progress.with(|p| p.running) => {
                "Simulating the ranged inputs…".to_owned()
            }
            None => form.outcome.with(|o| {
                if o.stale && !o.scenario.uncertainty.ranges.is_empty() {
                    "Fix the fields marked above to see percentiles.".to_owned()
                } else {
                    "No input is a range yet: type one in any number field, e.g. 1M..10M in Daily active users."
                        .to_owned()
                }
            }),
        })
    };
    // Text, empty without a simulation: the type of the page's other
    // tables' rows, so one copy of Leptos' inner-HTML code serves them all.
    let inputs = move || {
        simulated.with(|s| {
            s.as_ref().map_or_else(String::new, |s| {
                let c = s.conventions;
                let mut rows = Html::new();
                for i in &s.simulation.inputs {
                    let m = |x: &Measure| format::measure(x, &c);
                    rows.open("tr", &[("data-field", Some(&i.field))])
                        .element("th", &[("scope", Some("row"))], &i.label)
                        .element("td", &[], &m(&i.low))
                        .element("td", &[], &m(&i.median))
                        .element("td", &[], &m(&i.high))
                        .element("td", &[], i.distribution)
                        .close("tr");
                }
                rows.finish()
            })
        })
    };
    // Drawn only while near the screen, like the report's charts.
    let histogram_grid = ElementRef::new();
    let histograms_visible = near_screen(histogram_grid);
    let histogram_width = cell_width(histogram_grid);
    let histogram_charts = drawn_when_visible(histograms_visible, move || {
        let size = chart_size(histogram_width.get(), 0.55, (220, 360));
        simulated.with(|s| {
            s.as_ref()
                .map(|s| {
                    s.simulation
                        .histograms
                        .iter()
                        .map(|h| {
                            let chart = histogram_chart(h, &s.conventions, size);
                            (h.key.clone(), without_style_elements(chart.svg), chart.alt)
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    // One figure a histogram, kept while its result is (keyed), so that a
    // keystroke redraws each in place.
    let histogram_keys = Memo::new(move |_| {
        histogram_charts.with(|charts| charts.iter().map(|c| c.0.clone()).collect())
    });
    let histogram_figure = move |key: String| {
        let shown = key.clone();
        let part = move |pick: fn(&(String, String, String)) -> &String| {
            let key = shown.clone();
            Memo::new(move |_| {
                histogram_charts.with(|charts| {
                    charts
                        .iter()
                        .find(|c| c.0 == key)
                        .map(|c| pick(c).clone())
                        .unwrap_or_default()
                })
            })
        };
        let (svg, alt) = (part(|c| &c.1), part(|c| &c.2));
        view! {
            <figure class="chart" data-histogram=key.clone()>
                <Drawing svg />
                <figcaption class="chart-alt">{move || alt.get()}</figcaption>
            </figure>
        }
        .into_any()
    };
    keyed_into(histogram_grid, histogram_keys, Box::new(histogram_figure));
    let headline = RwSignal::new(0usize);
    let options = move || {
        simulated.with(|s| {
            s.as_ref().map(|s| {
                s.simulation
                    .tornadoes
                    .iter()
                    .enumerate()
                    .map(|(i, t)| {
                        view! {
                            <option value=i.to_string() prop:selected=move || headline.get() == i>
                                {t.label.clone()}
                            </option>
                        }
                    })
                    .map(IntoAny::into_any)
                    .collect_view()
            })
        })
    };
    let tornado_box = ElementRef::new();
    let tornado_visible = near_screen(tornado_box);
    let tornado_width = drawn_width(tornado_box);
    let tornado_chart_drawn = drawn_when_visible(tornado_visible, move || {
        let width = chart_size(tornado_width.get(), 0.0, (0, 0)).0;
        simulated.with(|s| {
            s.as_ref().and_then(|s| {
                let t = s.simulation.tornadoes.get(headline.get())?;
                let height = 80 + 36 * t.swings.len().min(10) as u32;
                let chart = tornado_chart(t, &s.conventions, (width, height));
                Some((t.key.clone(), without_style_elements(chart.svg), chart.alt))
            })
        })
    });
    let tornado_part = move |pick: fn(&(String, String, String)) -> &String| {
        Memo::new(move |_| {
            tornado_chart_drawn.with(|t| t.as_ref().map(|t| pick(t).clone()).unwrap_or_default())
        })
    };
    let (tornado_key, tornado_svg, tornado_alt) = (
        tornado_part(|t| &t.0),
        tornado_part(|t| &t.1),
        tornado_part(|t| &t.2),
    );
    let tornado = view! {
        <When when=Memo::new(move |_| tornado_chart_drawn.with(Option::is_some))>
            <figure class="chart" data-tornado=move || tornado_key.get()>
                <Drawing svg=tornado_svg />
                <figcaption class="chart-alt">{move || tornado_alt.get()}</figcaption>
            </figure>
        </When>
    };
    view! {
        <section class="uncertainty" aria-labelledby="uncertainty-title">
            <h2 id="uncertainty-title">"Uncertainty"</h2>
            <p class="explain">
                "Any number field takes a range: " <code>"1M..10M"</code> " or " <code>"1M to 10M"</code>
                ". A range is read as a 90% interval: its ends are the 5th and 95th percentiles of a lognormal distribution when both are positive, of a normal one otherwise (e.g. growth -10%..30%). The field's point value becomes the range's median, so the results above are the estimate from the medians; a Monte Carlo over the ranges puts the 5th, 50th and 95th percentiles and the mean beside every result. Samples outside a field's allowed values are clamped to them. Samples and seed are in the Uncertainty group of the form; the share link carries ranges, seed and samples, so the same link gives the same percentiles."
            </p>
            <p
                id="simulation-status"
                role="status"
                data-running=move || progress.get().running.to_string()
                data-generation=move || progress.get().generation.to_string()
                data-cancelled=move || progress.get().cancelled.to_string()
                data-slices=move || progress.get().slices.to_string()
                data-done=move || progress.get().done.to_string()
                data-samples=move || progress.get().samples.to_string()
                data-longest-slice-ms=move || Decimal(progress.get().longest_ms.round()).to_string()
            >
                {status}
            </p>
            <div hidden=move || !has()>
                <table class="ranged-inputs" id="ranged-inputs">
                    <caption>"Ranged inputs"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Input"</th>
                            <th scope="col">"5th percentile"</th>
                            <th scope="col">"Median (used above)"</th>
                            <th scope="col">"95th percentile"</th>
                            <th scope="col">"Distribution"</th>
                        </tr>
                    </thead>
                    <tbody inner_html=inputs></tbody>
                </table>
                <h3>"Distributions of the headline figures"</h3>
                <div class="chart-grid histograms" node_ref=histogram_grid></div>
                <h3>"What moves it most"</h3>
                <p class="explain">
                    "Each bar: the figure with one input at its 5th and at its 95th percentile, every other input at its median."
                </p>
                <label>
                    "Figure "
                    <select
                        id="tornado-figure"
                        on:change=move |ev| {
                            headline.set(event_target_value(&ev).parse().unwrap_or(0))
                        }
                    >
                        {options}
                    </select>
                </label>
                <div class="tornado" node_ref=tornado_box>
                    {tornado}
                </div>
            </div>
            <SpeedTest form />
        </section>
    }
}

/// Input draws timed by the speed test.
const DRAWS: u32 = 5_000_000;
/// Scenarios simulated by the speed test.
const SCENARIOS: u32 = 100_000;

/// Measures the sampler here: lognormal input draws per second, and whole
/// scenarios (draw, estimate every figure, summarise) per second.
#[component]
fn SpeedTest(form: Form) -> impl IntoView {
    let result = RwSignal::new(None::<(f64, Option<f64>)>);
    let run = move |_| {
        let normal = StandardNormal::new();
        let d = Distribution::from_interval(1e6, 10e6);
        let mut rng = Xoshiro256::seed_from(1);
        let start = now_ms();
        let mut sum = 0.0;
        for _ in 0..DRAWS {
            sum += d.sample(&normal, &mut rng);
        }
        let draws_ms = (now_ms() - start).max(1e-3);
        // Keep the loop from being optimised away.
        std::hint::black_box(sum);
        let mut s = form.outcome.with_untracked(|o| o.scenario.clone());
        s.uncertainty.samples = SCENARIOS;
        let start = now_ms();
        // What `simulate` does, with the generator owned as the page's own
        // runs own theirs: one copy of the simulator in the wasm, not two.
        let scenarios = Simulator::new(&s, Xoshiro256::seed_from(1))
            .ok()
            .map(Simulator::finish)
            .map(|_| f64::from(SCENARIOS) / ((now_ms() - start).max(1e-3) / 1000.0));
        result.set(Some((f64::from(DRAWS) / (draws_ms / 1000.0), scenarios)));
    };
    let shown = move || {
        result.get().map(|(draws, scenarios)| {
            let per_second = |x: f64| format::number((x / 1e5).round() / 10.0);
            let mut text = [
                &per_second(draws),
                " million lognormal input samples/s",
            ]
            .concat();
            if let Some(s) = scenarios {
                text += &[
                    "; ",
                    &per_second(s),
                    " million whole scenarios/s (100,000 samples of this scenario: draw, estimate every figure, percentiles)",
                ]
                .concat();
            }
            view! {
                <output
                    id="speed-result"
                    data-draws-per-second=Decimal(draws).to_string()
                    data-scenarios-per-second=scenarios.map(|s| Decimal(s).to_string())
                >
                    {text}
                </output>
            }
        })
    };
    view! {
        <div class="speed-test">
            <button type="button" id="speed-test" on:click=run>
                "Measure sampling speed in this browser"
            </button>
            " "
            {shown}
        </div>
    }
}
