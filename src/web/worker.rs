//! The worker, seen from the app. It is started the first time a job needs it (its module
//! is not part of the start-up download), answers each job by number, and is terminated by
//! `cancel`: every job still waiting then fails with `jobs::CANCELLED`, and the next job starts a
//! fresh worker.

#[path = "../worker/letters.rs"]
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
struct Office {
    worker: Worker,
    waiting: HashMap<u32, (Function, Function)>,
    next: u32,
    _on_message: Closure<dyn Fn(MessageEvent)>,
    _on_error: Closure<dyn Fn(web_sys::Event)>,
}

thread_local! {
    static OFFICE: RefCell<Option<Office>> = const { RefCell::new(None) };
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
            Ok::<_, String>((office.worker.clone(), office.next))
        }));
    });
    let (worker, id) = post.expect("a promise runs its executor at once")?;
    let (message, transfer) = letters::to_message(Letter {
        id,
        body: job,
        bytes,
    });
    if let Err(error) = worker.post_message_with_transfer(&message, &transfer) {
        fail_all(&format!("the job could not be sent ({error:?})"));
    }
    let message = JsFuture::from(answer).await.map_err(|why| {
        why.as_string()
            .unwrap_or_else(|| "the worker failed".to_owned())
    })?;
    let letter: Letter<Answer> = letters::from_message(&message)?;
    Ok((letter.body, letter.bytes))
}

/// Stops the worker and whatever it is doing.
pub fn cancel() {
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
        waiting: HashMap::new(),
        next: 0,
        _on_message: on_message,
        _on_error: on_error,
    })
}
