//! Article ▸ Team…: the team server. Log in (or take an invitation from its link), see the
//! projects the account is a member of with its roles there, and open one: its articles
//! assigned to the account come down into a project of this browser, which syncs as it
//! saves. A curator adjudicates one: everyone's done work is compared, and the gold made of
//! it is a project of this browser that syncs as the gold. A coordinator makes a project of a dataset file and manages it here: invitation
//! links, assignment to the overlap, progress, and the exports.

use super::compare_dialog::table_html;
use super::fields::{input_value, use_focus, use_initial_value, use_modal};
use super::import_dialog::file_picker;
use crate::agreement::Agreement;
use crate::team::{Account, Dashboard, Invitation, Managing, Reach};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TeamDialogProps {
    pub reach: Reach,
    pub account: Option<Rc<Account>>,
    /// An invitation from the page's address, once read.
    pub invitation: Option<Invitation>,
    /// An invitation is in the page's address, not read yet.
    pub reading_invitation: bool,
    /// What the last attempt said (a refused login).
    pub said: Option<String>,
    /// Log in with a username and password.
    pub on_login: Callback<(String, String)>,
    /// Take the invitation (as the account logged in, or as a new account: these).
    pub on_accept: Callback<(String, String)>,
    pub on_logout: Callback<()>,
    /// Open a team project (its id on the server).
    pub on_open: Callback<i64>,
    /// Ask for the next article to annotate in a team project, and open it.
    pub on_next: Callback<i64>,
    /// Adjudicate a team project as its curator.
    pub on_adjudicate: Callback<i64>,
    /// The project a coordinator manages here, if any.
    pub managing: Option<Managing>,
    /// The name of the dataset file read for a new project, if any.
    pub dataset: Option<String>,
    /// Manage a project (`None`: back to the list).
    pub on_manage: Callback<Option<i64>>,
    /// Make an invitation link for a role.
    pub on_invite: Callback<String>,
    /// Assign every article to as many annotators as the overlap.
    pub on_fill: Callback<()>,
    /// Assign an article to an annotator, or no longer (their ids).
    pub on_toggle: Callback<(i64, i64)>,
    pub on_dataset: Callback<Vec<web_sys::File>>,
    /// Make a project of the dataset read: its name and overlap.
    pub on_create: Callback<(String, u32)>,
    pub on_close: Callback<()>,
}

/// What a coordinator manages of a project: invitations, assignment, progress, exports.
fn managed(props: &TeamDialogProps, managing: &Managing, name: &str) -> Html {
    let project = managing.project;
    let invite = |role: &'static str, label: &'static str| {
        html! {
            <button type="button" class="aa-button"
                onclick={props.on_invite.reform(move |_: MouseEvent| role.to_owned())}>{label}</button>
        }
    };
    let link = managing.link.as_ref().map(|(role, link)| {
        html! {
            <p>
                <label for="aa-team-link">{format!("One-time link for a new {role} (valid 7 days)")}</label>
                <input id="aa-team-link" class="aa-input" type="text" readonly=true value={link.clone()} />
            </p>
        }
    });
    let export = |what: &str, label: &str| {
        html! {
            <li><a href={format!("/api/projects/{project}/export/{what}")} download="">{label}</a></li>
        }
    };
    html! {
        <>
            <p>
                <button type="button" class="aa-button"
                    onclick={props.on_manage.reform(|_: MouseEvent| None)}>{"Back to your projects"}</button>
            </p>
            <h3>{format!("Managing “{name}”")}</h3>
            <section aria-labelledby="aa-team-invite">
                <h4 id="aa-team-invite">{"Invite"}</h4>
                {invite("annotator", "Invite an annotator")}
                {invite("curator", "Invite a curator")}
                {invite("coordinator", "Invite a coordinator")}
                {for link}
            </section>
            {progress(props, managing.dashboard.as_deref())}
            <section aria-labelledby="aa-team-exports">
                <h4 id="aa-team-exports">{"Export"}</h4>
                <ul>
                    {export("works", "Everyone's work (native JSONL)")}
                    {export("gold", "The gold (native JSONL)")}
                    {export("agreement", "The agreement report (JSON)")}
                </ul>
            </section>
        </>
    }
}

/// Assignment and progress, once the dashboard is read.
fn progress(props: &TeamDialogProps, dashboard: Option<&Dashboard>) -> Html {
    let Some(dashboard) = dashboard else {
        return html! { <p aria-live="polite">{"Reading the project's progress…"}</p> };
    };
    let annotators = dashboard.annotators.iter().map(|annotator| {
        html! {
            <tr>
                <th scope="row">{&annotator.username}</th>
                <td>{annotator.assigned}</td><td>{annotator.started}</td>
                <td>{annotator.done}</td><td>{annotator.spans}</td>
            </tr>
        }
    });
    let articles = dashboard.articles.iter().map(|article| {
        // The matrix: a box per annotator, checked when the article is assigned to them.
        let boxes = dashboard.annotators.iter().map(|person| {
            let pair = (article.id, person.id);
            html! {
                <td>
                    <input type="checkbox" checked={article.assigned.contains(&person.username)}
                        aria-label={format!("Assign “{}” to {}", article.title, person.username)}
                        onchange={props.on_toggle.reform(move |_: Event| pair)} />
                </td>
            }
        });
        html! {
            <tr>
                <th scope="row" dir="auto">{&article.title}</th>
                {for boxes}<td>{article.done.join(", ")}</td>
                <td>{if article.gold { "yes" } else { "no" }}</td><td>{&article.status}</td>
            </tr>
        }
    });
    let heads = (dashboard.annotators.iter())
        .map(|person| html! { <th scope="col">{format!("To {}", person.username)}</th> });
    html! {
        <section aria-labelledby="aa-team-progress">
            <h4 id="aa-team-progress">{"Assignment and progress"}</h4>
            <p>
                {format!("Each article goes to {} annotators. ", dashboard.overlap)}
                <button type="button" class="aa-button"
                    onclick={props.on_fill.reform(|_: MouseEvent| ())}>{"Assign the articles"}</button>
            </p>
            <table class="aa-team-table">
                <caption>{"Annotators"}</caption>
                <thead><tr>
                    <th scope="col">{"Annotator"}</th><th scope="col">{"Assigned"}</th>
                    <th scope="col">{"Started"}</th><th scope="col">{"Done"}</th><th scope="col">{"Spans"}</th>
                </tr></thead>
                <tbody>{for annotators}</tbody>
            </table>
            <table class="aa-team-table">
                <caption>{"Articles and who each is assigned to"}</caption>
                <thead><tr>
                    <th scope="col">{"Article"}</th>{for heads}
                    <th scope="col">{"Done by"}</th><th scope="col">{"Gold"}</th><th scope="col">{"Status"}</th>
                </tr></thead>
                <tbody>{for articles}</tbody>
            </table>
            {for dashboard.agreement_view.as_ref().map(agreement)}
        </section>
    }
}

/// The agreement over the works marked done, as annotators finish.
fn agreement(agreement: &Agreement) -> Html {
    html! {
        <section aria-labelledby="aa-team-agreement">
            <h4 id="aa-team-agreement">{"Agreement (works marked done)"}</h4>
            <p data-testid="team-agreement-summary">{&agreement.summary}</p>
            {for agreement.tables.iter().map(|table| table_html(table, None))}
            <ul class="aa-plain-list">
                {for agreement.notes.iter().map(|note| html! { <li dir="auto">{note}</li> })}
            </ul>
        </section>
    }
}

/// A new team project: its name, its overlap and its dataset file.
fn new_project(props: &TeamDialogProps, name: &NodeRef, overlap: &NodeRef) -> Html {
    let onsubmit = {
        let (name, overlap, on_create) = (name.clone(), overlap.clone(), props.on_create.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let k = input_value(&overlap).trim().parse().unwrap_or(2);
            on_create.emit((input_value(&name), k));
        })
    };
    // Always there (empty before a file is read): the fields above keep what was typed.
    let read = (props.dataset.as_ref()).map_or(String::new(), |file| format!("Dataset: {file}"));
    html! {
        <form aria-labelledby="aa-team-new" {onsubmit}>
            <h3 id="aa-team-new">{"New team project"}</h3>
            <label for="aa-team-new-name">{"Project name"}</label>
            <input id="aa-team-new-name" ref={name.clone()} class="aa-input" type="text"
                maxlength="200" dir="auto" required=true />
            <label for="aa-team-overlap">{"Annotators per article"}</label>
            <input id="aa-team-overlap" ref={overlap.clone()} class="aa-input" type="number"
                min="1" max="50" required=true />
            {file_picker("Choose the dataset file (JSONL, or any format the app imports)",
                &props.on_dataset, NodeRef::default())}
            <p aria-live="polite">{read}</p>
            <div class="aa-dialog-actions">
                <button type="submit" class="aa-button">{"Create team project"}</button>
            </div>
        </form>
    }
}

/// A username and password form that sends both.
fn credentials(
    username: &NodeRef,
    password: &NodeRef,
    on: &Callback<(String, String)>,
) -> Callback<SubmitEvent> {
    let (username, password, on) = (username.clone(), password.clone(), on.clone());
    Callback::from(move |event: SubmitEvent| {
        event.prevent_default();
        on.emit((input_value(&username), input_value(&password)));
    })
}

#[component]
pub fn TeamDialog(props: &TeamDialogProps) -> Html {
    let modal = use_modal();
    let (username, password) = (use_node_ref(), use_node_ref());
    let (new_name, overlap) = (use_node_ref(), use_initial_value("2".to_owned()));
    use_focus(username.clone());
    let on_close = props.on_close.clone();
    let onkeydown = Callback::from(move |event: KeyboardEvent| {
        if event.key() == "Escape" {
            event.stop_propagation();
            on_close.emit(());
        }
    });
    let said =
        (props.said.clone()).map(|said| html! { <p class="aa-error" role="alert">{said}</p> });
    let fields = |new: bool| {
        html! {
            <>
                <label for="aa-team-user">{"Username"}</label>
                <input id="aa-team-user" ref={username.clone()} class="aa-input" type="text"
                    autocomplete="username" maxlength="100" required=true />
                <label for="aa-team-password">{"Password"}</label>
                <input id="aa-team-password" ref={password.clone()} class="aa-input" type="password"
                    autocomplete={if new { "new-password" } else { "current-password" }} required=true />
            </>
        }
    };
    let invitation = props.invitation.as_ref().map(|invitation| {
        let what = format!(
            "You are invited to “{}” as {}.",
            invitation.project_name, invitation.role
        );
        match &props.account {
            Some(_) => html! {
                <section aria-labelledby="aa-invited">
                    <p id="aa-invited">{what}</p>
                    <button type="button" class="aa-button"
                        onclick={props.on_accept.reform(|_: MouseEvent| (String::new(), String::new()))}>
                        {format!("Join “{}”", invitation.project_name)}
                    </button>
                </section>
            },
            None => html! {
                <form aria-labelledby="aa-invited"
                    onsubmit={credentials(&username, &password, &props.on_accept)}>
                    <p id="aa-invited">{what}{" Choose a username and a password for your account."}</p>
                    {fields(true)}
                    <div class="aa-dialog-actions">
                        <button type="submit" class="aa-button">{"Create account and join"}</button>
                    </div>
                </form>
            },
        }
    });
    let body = match (&props.account, props.reach) {
        (None, Reach::NoServer) => html! {
            <p>{"No team server answers here: this copy of the app works on its own and keeps \
                everything in this browser. A team runs annotator-server (see the README, “Team \
                server”) and opens the app from its address."}</p>
        },
        (None, Reach::Offline) => html! {
            <p>{"The team server cannot be reached. Your work is kept in this browser; it is \
                sent once the server answers again."}</p>
        },
        (None, _) if props.invitation.is_some() => html! {},
        (None, _) if props.reading_invitation => html! { <p>{"Reading the invitation…"}</p> },
        (None, _) => html! {
            <form aria-label="Log in" onsubmit={credentials(&username, &password, &props.on_login)}>
                {fields(false)}
                <div class="aa-dialog-actions">
                    <button type="submit" class="aa-button">{"Log in"}</button>
                </div>
            </form>
        },
        (Some(account), _) if props.managing.is_some() => {
            let managing = props.managing.as_ref().expect("matched above");
            let name = (account.projects.iter())
                .find(|project| project.id == managing.project)
                .map_or("", |project| project.name.as_str());
            managed(props, managing, name)
        }
        (Some(account), _) => {
            let projects = account.projects.iter().map(|project| {
                let roles = project.roles.join(", ");
                let id = project.id;
                let has = |role: &str| project.roles.iter().any(|held| held == role);
                let open = has("annotator").then(|| html! {
                    <button type="button" class="aa-button"
                        aria-label={format!("Open “{}”", project.name)}
                        onclick={props.on_open.reform(move |_: MouseEvent| id)}>{"Open"}</button>
                });
                let manage = has("coordinator").then(|| html! {
                    <button type="button" class="aa-button"
                        aria-label={format!("Manage “{}”", project.name)}
                        onclick={props.on_manage.reform(move |_: MouseEvent| Some(id))}>{"Manage"}</button>
                });
                let next = has("annotator").then(|| html! {
                    <button type="button" class="aa-button"
                        aria-label={format!("Next to annotate in “{}”", project.name)}
                        onclick={props.on_next.reform(move |_: MouseEvent| id)}>{"Next to annotate"}</button>
                });
                let adjudicate = has("curator").then(|| html! {
                    <button type="button" class="aa-button"
                        aria-label={format!("Adjudicate “{}”", project.name)}
                        onclick={props.on_adjudicate.reform(move |_: MouseEvent| id)}>{"Adjudicate"}</button>
                });
                html! {
                    <li class="aa-team-project">
                        <span>{&project.name}</span>
                        <span class="aa-hint">{format!(" ({roles}) ")}</span>
                        {open}{next}{adjudicate}{manage}
                    </li>
                }
            });
            html! {
                <>
                    <p>
                        {format!("Logged in as {}. ", account.user.username)}
                        <button type="button" class="aa-button"
                            onclick={props.on_logout.reform(|_: MouseEvent| ())}>{"Log out"}</button>
                    </p>
                    if account.projects.is_empty() {
                        <p>{"You are in no team project yet: ask a coordinator for an invitation."}</p>
                    } else {
                        <h3 id="aa-team-projects">{"Your team projects"}</h3>
                        <ul aria-labelledby="aa-team-projects">{for projects}</ul>
                        <p class="aa-hint">{"Opening a project brings the articles assigned to you \
                            into this browser; Next to annotate opens your first article not \
                            done, or asks the server for a new one. Every edit is saved here first, then sent to the \
                            server; the status bar says what is waiting. Adjudicating compares \
                            everyone's done work, then makes the gold here, sent as you decide."}</p>
                    }
                    <div>
                        if account.user.creates_projects {
                            {new_project(props, &new_name, &overlap)}
                        }
                    </div>
                </>
            }
        }
    };
    html! {
        <div class="aa-backdrop">
            <div ref={modal} class="aa-dialog" role="dialog" aria-modal="true" tabindex="-1"
                aria-labelledby="aa-team-title" {onkeydown}>
                <h2 id="aa-team-title">{"Team"}</h2>
                // Each part in an element of its own: a part that appears or goes never
                // shifts the others, whose fields keep what was typed.
                <div>{said}</div>
                <div>{for invitation}</div>
                <div>{body}</div>
                <div class="aa-dialog-actions">
                    <button type="button" class="aa-button"
                        onclick={props.on_close.reform(|_: MouseEvent| ())}>{"Close"}</button>
                </div>
            </div>
        </div>
    }
}
