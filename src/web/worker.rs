//! The worker, seen from the app. It is started the first time a job needs it (its module
//! is not part of the start-up download), answers each job by number, and is terminated by
//! `cancel`: every job still waiting then fails with `jobs::CANCELLED`, and the next job starts a
//! fresh worker.

#[path = "../worker/letters.rs"]
#[allow(dead_code)] // the worker's half (`ready`) is not the app's
mod letters;

use annotator_core::jobs::{Answer, Job, Letter, CANCELLED};
use js_sys::{Function, Promise};
use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageEvent, Worker};

/// Where Trunk puts the worker's loader (`data-type="worker"` in index.html).
const LOADER: &str = "./worker_loader.js";

/// A running worker and the jobs it has not answered yet (each job's promise callbacks).
/// Until the worker says it is ready (its module loaded), letters wait in `unsent`: a
/// message that arrived earlier would find no one listening.
struct Office {
    worker: Worker,
    ready: bool,
    unsent: Vec<(JsValue, js_sys::Array)>,
    waiting: HashMap<u32, (Function, Function)>,
    next: u32,
    _on_message: Closure<dyn Fn(MessageEvent)>,
    _on_error: Closure<dyn Fn(web_sys::Event)>,
}

thread_local! {
    static OFFICE: RefCell<Option<Office>> = const { RefCell::new(None) };
    /// How many times the user cancelled: a task that began before the last cancel stops.
    static CANCELS: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// Taken when a task that may ask the worker begins (reading files, then a job): `check`
/// says whether the user cancelled since.
#[derive(Clone, Copy)]
pub struct Ticket(u32);

impl Ticket {
    pub fn take() -> Self {
        Ticket(CANCELS.with(|cancels| cancels.get()))
    }

    /// `Err(CANCELLED)` once the user cancelled after this ticket was taken.
    pub fn check(self) -> Result<(), String> {
        match CANCELS.with(|cancels| cancels.get()) == self.0 {
            true => Ok(()),
            false => Err(CANCELLED.to_owned()),
        }
    }
}

/// Gives the worker a job and waits for its answer (and the bytes of the file it made), or
/// says why there is none: the worker could not start or failed, or the job was cancelled.
pub async fn ask(job: Job, bytes: Vec<Vec<u8>>) -> Result<(Answer, Vec<Vec<u8>>), String> {
    let mut post = None;
    let answer = Promise::new(&mut |resolve, reject| {
        post = Some(OFFICE.with(|office| {
            let mut office = office.borrow_mut();
            if office.is_none() {
                *office = Some(open()?);
            }
            let office = office.as_mut().expect("opened above");
            office.next += 1;
            office.waiting.insert(office.next, (resolve, reject));
            Ok::<_, String>(office.next)
        }));
    });
    let id = post.expect("a promise runs its executor at once")?;
    let letter = letters::to_message(Letter {
        id,
        body: job,
        bytes,
    });
    // Sent outside the borrow: a failed send terminates the office.
    let ready = OFFICE.with(|office| match office.borrow_mut().as_mut() {
        Some(office) if office.ready => Some((office.worker.clone(), letter)),
        Some(office) => {
            office.unsent.push(letter);
            None
        }
        None => None,
    });
    if let Some((worker, letter)) = ready {
        send(&worker, letter);
    }
    let message = JsFuture::from(answer).await.map_err(|why| {
        why.as_string()
            .unwrap_or_else(|| "the worker failed".to_owned())
    })?;
    let letter: Letter<Answer> = letters::from_message(&message)?;
    Ok((letter.body, letter.bytes))
}

fn send(worker: &Worker, (message, transfer): (JsValue, js_sys::Array)) {
    if let Err(error) = worker.post_message_with_transfer(&message, &transfer) {
        fail_all(&format!("the job could not be sent ({error:?})"));
    }
}

/// Starts the worker if it is not running, so that a job asked for soon finds it ready.
pub fn warm() {
    OFFICE.with(|office| {
        let mut office = office.borrow_mut();
        if office.is_none() {
            *office = open().ok();
        }
    });
}

/// Stops the worker and whatever it is doing.
pub fn cancel() {
    CANCELS.with(|cancels| cancels.set(cancels.get() + 1));
    fail_all(CANCELLED);
}

/// Terminates the worker; every job waiting fails with `why`.
fn fail_all(why: &str) {
    let Some(mut office) = OFFICE.with(|office| office.borrow_mut().take()) else {
        return;
    };
    office.worker.terminate();
    for (_, (_, reject)) in office.waiting.drain() {
        let _ = reject.call1(&JsValue::NULL, &why.into());
    }
    // Not dropped here: this may run inside one of the office's own closures.
    wasm_bindgen_futures::spawn_local(async move { drop(office) });
}

fn open() -> Result<Office, String> {
    let worker =
        Worker::new(LOADER).map_err(|error| format!("the worker did not start ({error:?})"))?;
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(|event: MessageEvent| {
        if letters::is_ready(&event.data()) {
            let unsent = OFFICE.with(|office| {
                let mut office = office.borrow_mut();
                let office = office.as_mut()?;
                office.ready = true;
                Some((office.worker.clone(), std::mem::take(&mut office.unsent)))
            });
            if let Some((worker, unsent)) = unsent {
                unsent.into_iter().for_each(|letter| send(&worker, letter));
            }
            return;
        }
        let id = js_sys::Reflect::get(&event.data(), &"id".into())
            .ok()
            .and_then(|id| id.as_f64())
            .unwrap_or(0.0) as u32;
        let waiting = OFFICE.with(|office| {
            (office.borrow_mut().as_mut()).and_then(|office| office.waiting.remove(&id))
        });
        if let Some((resolve, _)) = waiting {
            let _ = resolve.call1(&JsValue::NULL, &event.data());
        }
    });
    let on_error = Closure::<dyn Fn(web_sys::Event)>::new(|event: web_sys::Event| {
        let message = (event.dyn_ref::<web_sys::ErrorEvent>()).map(|error| error.message());
        fail_all(&format!(
            "the worker stopped ({})",
            message
                .filter(|message| !message.is_empty())
                .unwrap_or_else(|| "it could not be loaded".to_owned())
        ));
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Ok(Office {
        worker,
        ready: false,
        unsent: Vec::new(),
        waiting: HashMap::new(),
        next: 0,
        _on_message: on_message,
        _on_error: on_error,
    })
}
