//! Ranges and percentiles: the Monte Carlo's inputs, histograms of the
//! headline figures, the tornado of what moves each one, and a speed test of
//! the sampler in this browser.
//!
//! The simulation itself is the core's ([`envelope_core::uncertainty`]); it
//! runs on every change of a ranged scenario, on the main thread, within the
//! frame (10,000 samples take a few milliseconds), so typing stays smooth.

use envelope_charts::{histogram_chart, tornado_chart};
use envelope_core::uncertainty::{
    simulate, simulate_seeded, Distribution, Simulation, StandardNormal, Xoshiro256,
};
use envelope_core::{format, Conventions, Measure};
use leptos::html::Div;
use leptos::prelude::*;

use crate::charts::without_style_elements;
use crate::drawing::Drawing;
use crate::form::Form;
use crate::visible::{drawn_when_visible, near_screen};

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

/// The Monte Carlo of the form's scenario, rerun whenever it changes; `None`
/// while no applicable input is a range or the input cannot be estimated.
pub fn simulated(form: Form) -> Memo<Option<Simulated>> {
    Memo::new(move |_| {
        form.outcome.with(|o| {
            if o.stale || o.scenario.uncertainty.ranges.is_empty() {
                return None;
            }
            let start = now_ms();
            let simulation = simulate_seeded(&o.scenario).ok()?;
            let ms = now_ms() - start;
            (!simulation.inputs.is_empty()).then_some(Simulated {
                simulation,
                conventions: o.scenario.conventions,
                ms,
            })
        })
    })
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
pub fn UncertaintySection(form: Form, simulated: Memo<Option<Simulated>>) -> impl IntoView {
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
                ]
                .concat()
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
    let inputs = move || {
        simulated.with(|s| {
            s.as_ref().map(|s| {
                let c = s.conventions;
                s.simulation
                    .inputs
                    .iter()
                    .map(|i| {
                        let m = |x: &Measure| format::measure(x, &c);
                        view! {
                            <tr data-field=i.field.clone()>
                                <th scope="row">{i.label.clone()}</th>
                                <td>{m(&i.low)}</td>
                                <td>{m(&i.median)}</td>
                                <td>{m(&i.high)}</td>
                                <td>{i.distribution}</td>
                            </tr>
                        }
                    })
                    .collect_view()
            })
        })
    };
    // Drawn only while near the screen, like the report's charts.
    let histogram_grid = NodeRef::<Div>::new();
    let histograms_visible = near_screen(histogram_grid);
    let histogram_charts = drawn_when_visible(histograms_visible, move || {
        simulated.with(|s| {
            s.as_ref()
                .map(|s| {
                    s.simulation
                        .histograms
                        .iter()
                        .map(|h| {
                            let chart = histogram_chart(h, &s.conventions, (420, 220));
                            (h.key.clone(), without_style_elements(chart.svg), chart.alt)
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    // One figure a histogram, kept while its result is (keyed), so that a
    // keystroke redraws each in place.
    let histogram_keys = move || {
        histogram_charts.with(|charts| charts.iter().map(|c| c.0.clone()).collect::<Vec<_>>())
    };
    let histogram_figure = move |key: String| {
        let shown = key.clone();
        let part = move |pick: fn(&(String, String, String)) -> &String| {
            let key = shown.clone();
            Signal::derive(move || {
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
    };
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
                    .collect_view()
            })
        })
    };
    let tornado_box = NodeRef::<Div>::new();
    let tornado_visible = near_screen(tornado_box);
    let tornado_chart_drawn = drawn_when_visible(tornado_visible, move || {
        simulated.with(|s| {
            s.as_ref().and_then(|s| {
                let t = s.simulation.tornadoes.get(headline.get())?;
                let height = 80 + 36 * t.swings.len().min(10) as u32;
                let chart = tornado_chart(t, &s.conventions, (640, height));
                Some((t.key.clone(), without_style_elements(chart.svg), chart.alt))
            })
        })
    });
    let tornado_part = move |pick: fn(&(String, String, String)) -> &String| {
        Signal::derive(move || {
            tornado_chart_drawn.with(|t| t.as_ref().map(|t| pick(t).clone()).unwrap_or_default())
        })
    };
    let (tornado_key, tornado_svg, tornado_alt) = (
        tornado_part(|t| &t.0),
        tornado_part(|t| &t.1),
        tornado_part(|t| &t.2),
    );
    let tornado = view! {
        <Show when=move || tornado_chart_drawn.with(Option::is_some)>
            <figure class="chart" data-tornado=move || tornado_key.get()>
                <Drawing svg=tornado_svg />
                <figcaption class="chart-alt">{move || tornado_alt.get()}</figcaption>
            </figure>
        </Show>
    };
    view! {
        <section class="uncertainty" aria-labelledby="uncertainty-title">
            <h2 id="uncertainty-title">"Uncertainty"</h2>
            <p class="explain">
                "Any number field takes a range: " <code>"1M..10M"</code> " or " <code>"1M to 10M"</code>
                ". A range is read as a 90% interval: its ends are the 5th and 95th percentiles of a lognormal distribution when both are positive, of a normal one otherwise (e.g. growth -10%..30%). The field's point value becomes the range's median, so the results above are the estimate from the medians; a Monte Carlo over the ranges puts the 5th, 50th and 95th percentiles and the mean beside every result. Samples outside a field's allowed values are clamped to them. Samples and seed are in the Uncertainty group of the form; the share link carries ranges, seed and samples, so the same link gives the same percentiles."
            </p>
            <p id="simulation-status" role="status">{status}</p>
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
                    <tbody>{inputs}</tbody>
                </table>
                <h3>"Distributions of the headline figures"</h3>
                <div class="chart-grid histograms" node_ref=histogram_grid>
                    <For each=histogram_keys key=|key| key.clone() children=histogram_figure />
                </div>
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
        let scenarios = simulate(&s, &mut Xoshiro256::seed_from(1))
            .ok()
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
                    data-draws-per-second=draws.to_string()
                    data-scenarios-per-second=scenarios.map(|s| s.to_string())
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
