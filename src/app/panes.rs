//! Actions on the three panes (no editor or dialog open).

use super::dialogs;
use super::dialogs::prompt::{Prompt, PromptKind};
use super::dialogs::snooze::SnoozeDialog;
use super::dialogs::student::StudentEditor;
use super::dialogs::team::TeamTarget;
use super::msg::Effect;
use super::state::{App, CaseView, CoopRow, Modal, Pane, Panel, REMINDER_PAGE, StatusKind};
use crate::app::Action;
use crate::domain::reminders::Mark;
use crate::domain::{ConversationState, IdSource, StudentId};
use crate::export::cooperation::Tool;
use crate::i18n::T;

const PAGE: usize = 10;

/// Handles `action` with no modal open.
pub fn action(app: &mut App, ids: &mut dyn IdSource, action: Action) -> Vec<Effect> {
    match action {
        Action::Quit => {
            app.quit = true;
            Vec::new()
        }
        Action::Help => {
            app.modals.push(Modal::Help { scroll: 0 });
            Vec::new()
        }
        // Tab visits the panels of the timeline pane before it leaves it.
        Action::NextPane | Action::PrevPane => {
            let forward = action == Action::NextPane;
            if app.pane == Pane::Timeline && move_panel(app, forward, false) {
                return Vec::new();
            }
            let n = Pane::ALL.len();
            let i = Pane::ALL.iter().position(|p| *p == app.pane).unwrap_or(0);
            let step = if forward { 1 } else { n - 1 };
            let mut next = Pane::ALL[(i + step) % n];
            // Without a student there is no timeline to visit: Tab goes past it.
            if next == Pane::Timeline && app.case.is_none() {
                next = Pane::ALL[(i + 2 * step) % n];
            }
            let effects = show(app, next);
            if app.pane == Pane::Timeline
                && let Some(view) = &mut app.case
            {
                view.panel = if forward {
                    Panel::Events
                } else {
                    Panel::Agreements
                };
            }
            effects
        }
        Action::NextPanel | Action::PrevPanel => match app.pane {
            Pane::Timeline => {
                move_panel(app, action == Action::NextPanel, true);
                Vec::new()
            }
            _ => nothing_here(app),
        },
        Action::NextGroup | Action::PrevGroup if app.pane == Pane::Overview => {
            app.overview
                .page(if action == Action::NextGroup { 1 } else { -1 });
            Vec::new()
        }
        Action::NextGroup | Action::PrevGroup => nothing_here(app),
        Action::ShowOverview => show(app, Pane::Overview),
        Action::ToggleCharts | Action::NextPeriod | Action::NextGrouping | Action::ExportStats
            if app.pane != Pane::Overview =>
        {
            nothing_here(app)
        }
        Action::ToggleCharts => {
            app.overview.charts = !app.overview.charts;
            Vec::new()
        }
        Action::NextPeriod => {
            app.overview.next_period();
            ask_figures(app)
        }
        Action::NextGrouping => {
            app.overview.next_grouping();
            ask_figures(app)
        }
        Action::ExportStats => {
            let query = app.overview.query(app.today());
            app.say(StatusKind::Info, app.t(T::OverviewMaking));
            vec![Effect::ExportStats(query)]
        }
        Action::ShowReminders => show(app, Pane::Reminders),
        Action::ShowStudents => show(app, Pane::Students),
        Action::ShowTimeline => show(app, Pane::Timeline),
        Action::Up => move_by(app, -1),
        Action::Down => move_by(app, 1),
        Action::PageUp => move_by(app, -(PAGE as isize)),
        Action::PageDown => move_by(app, PAGE as isize),
        Action::Top => move_by(app, isize::MIN / 2),
        Action::Bottom => move_by(app, isize::MAX / 2),
        Action::Open => open(app),
        Action::Filter => {
            app.pane = Pane::Students;
            app.students.filtering = true;
            Vec::new()
        }
        // Esc clears the filter and leaves it: keys go to the list again.
        Action::Cancel => {
            let list = &mut app.students;
            if app.pane == Pane::Students && (list.filtering || !list.filter.is_empty()) {
                list.filter.clear();
                list.filtering = false;
                list.refilter();
                return load_selected(app);
            }
            Vec::new()
        }
        Action::NewStudent => {
            let id = StudentId(ids.next_id());
            let editor = StudentEditor::new_student(id, app.today());
            app.modals.push(Modal::Student(Box::new(editor)));
            Vec::new()
        }
        Action::EditStudent => match current_case(app) {
            Some(case) => {
                let editor = StudentEditor::edit(&case.student);
                app.modals.push(Modal::Student(Box::new(editor)));
                Vec::new()
            }
            None => no_student(app),
        },
        Action::NewConversation => match current_case(app) {
            Some(case) => {
                let id = crate::domain::ConversationId(ids.next_id());
                let conversation =
                    case.plan_conversation(id, case.student.level, case.proposed_time(app.today()));
                dialogs::open_new_conversation(app, conversation);
                Vec::new()
            }
            None => no_student(app),
        },
        Action::EditConversation => match current_case(app) {
            Some(case) => match selected_conversation(app)
                .map(|(_, id, _)| id)
                .or_else(|| case.current_conversation().map(|c| c.id))
            {
                Some(id) => {
                    dialogs::open_conversation(app, id, false);
                    Vec::new()
                }
                None => {
                    app.say(StatusKind::Info, app.t(T::NoConversationYet));
                    Vec::new()
                }
            },
            None => no_student(app),
        },
        Action::CancelConversation => {
            match selected_conversation(app) {
                Some((sid, id, ConversationState::Planned)) => app.modals.push(Modal::Prompt(
                    Prompt::new(PromptKind::CancelConversation(id), sid),
                )),
                Some(_) => app.say(StatusKind::Info, app.t(T::OnlyPlannedCanBeCancelled)),
                None => app.say(StatusKind::Info, app.t(T::SelectConversationFirst)),
            }
            Vec::new()
        }
        Action::AddAddendum => {
            match selected_conversation(app) {
                Some((sid, id, ConversationState::Finalized { .. })) => app
                    .modals
                    .push(Modal::Prompt(Prompt::new(PromptKind::Addendum(id), sid))),
                Some(_) => app.say(StatusKind::Info, app.t(T::AddendumOnlyFinalized)),
                None => app.say(StatusKind::Info, app.t(T::SelectConversationFirst)),
            }
            Vec::new()
        }
        Action::Escalate | Action::Deescalate => match current_case(app) {
            Some(case) => {
                let from = case.student.level;
                let sid = case.id();
                let (to, kind) = if action == Action::Escalate {
                    (
                        from.raised(),
                        from.raised().map(|to| PromptKind::Escalate { from, to }),
                    )
                } else {
                    (
                        from.lowered(),
                        from.lowered().map(|to| PromptKind::Deescalate { from, to }),
                    )
                };
                match (to, kind) {
                    (Some(_), Some(kind)) => app.modals.push(Modal::Prompt(Prompt::new(kind, sid))),
                    _ if action == Action::Escalate => {
                        app.say(StatusKind::Info, app.t(T::AlreadyHighest))
                    }
                    _ => app.say(StatusKind::Info, app.t(T::AlreadyLowest)),
                }
                Vec::new()
            }
            None => no_student(app),
        },
        Action::AddNote => match current_case(app) {
            Some(case) => {
                let sid = case.id();
                app.modals
                    .push(Modal::Prompt(Prompt::new(PromptKind::Note, sid)));
                Vec::new()
            }
            None => no_student(app),
        },
        Action::Snooze => match app.reminders.get(app.reminder_selected) {
            Some(r) if app.pane == Pane::Reminders => {
                let name = app.student_name(r.item.student).to_string();
                let dialog = SnoozeDialog::new(r.item.key(), name, app.today());
                app.modals.push(Modal::Snooze(Box::new(dialog)));
                Vec::new()
            }
            _ => nothing_here(app),
        },
        Action::Done => done(app),
        Action::AddressBook => {
            dialogs::address_book::open(app);
            Vec::new()
        }
        Action::Profile => {
            dialogs::profile::open(app);
            Vec::new()
        }
        Action::Distribution => {
            match distribution_target(app) {
                Some(id) => dialogs::distribution::open(app, id),
                None => app.say(StatusKind::Info, app.t(T::NoFinalizedMinutes)),
            }
            Vec::new()
        }
        Action::CopyRecipients => match distribution_target(app) {
            Some(id) => dialogs::distribution::copy_for(app, id),
            None => {
                app.say(StatusKind::Info, app.t(T::NoFinalizedMinutes));
                Vec::new()
            }
        },
        Action::NewConsent
        | Action::NewNetworkMember
        | Action::NewGoal
        | Action::NewSubGoal
        | Action::NewIntervention
        | Action::NewTeamMeeting
        | Action::ExportTeamFile => cooperation(app, action),
        Action::ExportMinutes if in_cooperation(app) => {
            let tool = app
                .case
                .as_ref()
                .and_then(CaseView::selected_coop)
                .and_then(tool_of);
            export_team(app, tool)
        }
        Action::ExportMinutes => match minutes_target(app) {
            Some((student, conversation)) => vec![Effect::ExportMinutes {
                student,
                conversation,
            }],
            None => {
                app.say(StatusKind::Info, app.t(T::NoConversationYet));
                Vec::new()
            }
        },
        Action::ExportCalendar => vec![Effect::ExportCalendar],
        Action::ImportStudents => {
            app.modals.push(Modal::Prompt(Prompt::new(
                PromptKind::ImportFile,
                StudentId(0),
            )));
            Vec::new()
        }
        Action::ExportStudent => match current_case(app) {
            Some(case) => vec![Effect::ExportStudent(case.id())],
            None => no_student(app),
        },
        Action::DeleteStudent => match current_case(app) {
            Some(case) => {
                let sid = case.id();
                app.modals
                    .push(Modal::Prompt(Prompt::new(PromptKind::Erase, sid)));
                Vec::new()
            }
            None => no_student(app),
        },
        Action::Save
        | Action::Finalize
        | Action::NextField
        | Action::PrevField
        | Action::Toggle
        | Action::Delete
        | Action::AddAgreement
        | Action::Copy
        | Action::None => nothing_here(app),
    }
}

/// Whether the keyboard is in the cooperation panel of the timeline pane.
fn in_cooperation(app: &App) -> bool {
    app.pane == Pane::Timeline
        && app
            .case
            .as_ref()
            .is_some_and(|v| v.panel == Panel::Cooperation)
}

/// The team file's actions: new records, and printing all five tools. They act on the
/// student whose case is open, from any panel or pane that shows one.
fn cooperation(app: &mut App, action: Action) -> Vec<Effect> {
    if current_case(app).is_none() {
        return no_student(app);
    }
    let target = match action {
        Action::NewConsent => TeamTarget::Consent(None),
        Action::NewNetworkMember => TeamTarget::Member(None),
        Action::NewGoal => TeamTarget::Goal(None),
        Action::NewSubGoal => {
            let goal = app.case.as_ref().and_then(|v| match v.selected_coop() {
                Some(CoopRow::Goal(goal) | CoopRow::SubGoal { goal, .. })
                    if v.panel == Panel::Cooperation =>
                {
                    Some(goal)
                }
                _ => None,
            });
            match goal {
                Some(goal) => TeamTarget::SubGoal { goal, sub: None },
                None => {
                    app.say(StatusKind::Info, app.t(T::TeamSelectGoal));
                    return Vec::new();
                }
            }
        }
        Action::NewIntervention => TeamTarget::Intervention(None),
        Action::NewTeamMeeting => TeamTarget::Meeting(None),
        _ => return export_team(app, None),
    };
    dialogs::team::open(app, target);
    Vec::new()
}

/// Prints one tool of the open student's team file, or all five.
fn export_team(app: &mut App, tool: Option<Tool>) -> Vec<Effect> {
    match current_case(app) {
        Some(case) => vec![Effect::ExportTeamFile {
            student: case.id(),
            tool,
        }],
        None => no_student(app),
    }
}

/// The tool a row of the cooperation panel belongs to; the coordinator's row stands for
/// the whole file.
fn tool_of(row: CoopRow) -> Option<Tool> {
    match row {
        CoopRow::Coordinator => None,
        CoopRow::Consent => Some(Tool::Consent),
        CoopRow::Member(_) => Some(Tool::Network),
        CoopRow::Goal(_) | CoopRow::SubGoal { .. } => Some(Tool::Goals),
        CoopRow::Intervention(_) => Some(Tool::Interventions),
        CoopRow::Meeting(_) => Some(Tool::Meetings),
    }
}

/// Opens the editor of the row selected in the cooperation panel.
fn open_coop_row(app: &mut App) {
    let Some(view) = &app.case else {
        return;
    };
    let target = match view.selected_coop() {
        Some(CoopRow::Coordinator) | None => TeamTarget::Coordinator,
        Some(CoopRow::Consent) => {
            TeamTarget::Consent(view.case.student.team.current_consent().map(|c| c.id))
        }
        Some(CoopRow::Member(id)) => TeamTarget::Member(Some(id)),
        Some(CoopRow::Goal(id)) => TeamTarget::Goal(Some(id)),
        Some(CoopRow::SubGoal { goal, sub }) => TeamTarget::SubGoal {
            goal,
            sub: Some(sub),
        },
        Some(CoopRow::Intervention(id)) => TeamTarget::Intervention(Some(id)),
        Some(CoopRow::Meeting(id)) => TeamTarget::Meeting(Some(id)),
    };
    dialogs::team::open(app, target);
}

fn nothing_here(app: &mut App) -> Vec<Effect> {
    app.say(StatusKind::Info, app.t(T::NotAvailableHere));
    Vec::new()
}

fn no_student(app: &mut App) -> Vec<Effect> {
    let key = if app.students.loading {
        T::StudentsLoading
    } else if app.students.all.is_empty() {
        T::NoStudentsYet
    } else {
        T::SelectStudentFirst
    };
    app.say(StatusKind::Info, app.t(key));
    Vec::new()
}

/// The loaded case of the student the pane is about, if it is loaded.
fn current_case(app: &App) -> Option<crate::domain::Case> {
    let wanted = match app.pane {
        Pane::Timeline => app.case.as_ref().map(|v| v.case.id()),
        _ => app.students.selected_id(),
    }?;
    app.case
        .as_ref()
        .filter(|v| v.case.id() == wanted)
        .map(|v| v.case.clone())
}

/// The conversation whose minutes to export: the one selected on the timeline, else the
/// student's latest held or planned one.
fn minutes_target(app: &App) -> Option<(StudentId, crate::domain::ConversationId)> {
    if let Some((sid, id, _)) = selected_conversation(app) {
        return Some((sid, id));
    }
    let case = current_case(app)?;
    let latest = case
        .conversations
        .iter()
        .filter(|c| !matches!(c.state, ConversationState::Cancelled { .. }))
        .max_by_key(|c| (c.planned_at, c.id))?;
    Some((case.id(), latest.id))
}

/// The finalized conversation whose distribution to follow: the one selected on the
/// timeline, else the student's latest finalized one.
fn distribution_target(app: &App) -> Option<crate::domain::ConversationId> {
    if let Some((_, id, ConversationState::Finalized { .. })) = selected_conversation(app) {
        return Some(id);
    }
    let case = current_case(app)?;
    case.conversations
        .iter()
        .filter(|c| matches!(c.state, ConversationState::Finalized { .. }))
        .max_by_key(|c| (c.planned_at, c.id))
        .map(|c| c.id)
}

/// The conversation the timeline pane's keys act on: selected in the conversations panel,
/// or behind the selected timeline entry or agreement.
fn selected_conversation(
    app: &App,
) -> Option<(StudentId, crate::domain::ConversationId, ConversationState)> {
    if app.pane != Pane::Timeline {
        return None;
    }
    let view = app.case.as_ref()?;
    let c = view.selected_conversation()?;
    Some((view.case.id(), c.id, c.state.clone()))
}

/// Moves the keyboard to the next (or previous) panel of the timeline pane; `wrap` goes
/// round, otherwise false is returned at the end so Tab can go on to the next pane.
fn move_panel(app: &mut App, forward: bool, wrap: bool) -> bool {
    let Some(view) = &mut app.case else {
        return false;
    };
    let panels: &[Panel] = if wrap { &Panel::ALL } else { &Panel::TAB };
    let Some(i) = panels.iter().position(|p| *p == view.panel) else {
        // Tab from the cooperation panel: on to the next pane, or back to the agreements.
        if forward {
            return false;
        }
        view.panel = Panel::Agreements;
        return true;
    };
    let next = if forward { i + 1 } else { i.wrapping_sub(1) };
    match panels.get(next) {
        Some(p) => view.panel = *p,
        None if wrap => {
            view.panel = if forward {
                panels[0]
            } else {
                panels[panels.len() - 1]
            }
        }
        None => return false,
    }
    true
}

/// "Done": a reminder about an agreement asks whether it was met, and so does an agreement
/// selected in the agreements panel; other reminders are marked done.
fn done(app: &mut App) -> Vec<Effect> {
    match app.pane {
        Pane::Reminders => {
            let Some(r) = app.reminders.get(app.reminder_selected) else {
                return nothing_here(app);
            };
            let item = r.item.clone();
            if item.kind == crate::domain::reminders::DueKind::Agreement {
                return dialogs::agreement::ask_resolution(
                    app,
                    item.student,
                    crate::domain::AgreementId(item.subject),
                );
            }
            let confirmation = app.t(T::ReminderDone).to_string();
            vec![Effect::SetMark {
                key: item.key(),
                mark: Mark::Done,
                confirmation,
            }]
        }
        Pane::Timeline => match app.case.as_ref() {
            Some(view) if view.panel == Panel::Agreements => {
                match view.selected_agreement().map(|a| (view.case.id(), a.id)) {
                    Some((sid, id)) => dialogs::agreement::ask_resolution(app, sid, id),
                    None => {
                        app.say(StatusKind::Info, app.t(T::NoAgreements));
                        Vec::new()
                    }
                }
            }
            _ => {
                app.say(StatusKind::Info, app.t(T::DoneInAgreements));
                Vec::new()
            }
        },
        Pane::Students | Pane::Overview => nothing_here(app),
    }
}

fn show(app: &mut App, pane: Pane) -> Vec<Effect> {
    if pane == Pane::Timeline && app.case.is_none() {
        return no_student(app);
    }
    app.pane = pane;
    app.students.filtering = false;
    if pane == Pane::Overview && app.overview.stale {
        return ask_figures(app);
    }
    Vec::new()
}

/// Asks the runner for the figures the Overblik pane is set to; until they come the pane
/// shows the ones it has (or says they are being made).
fn ask_figures(app: &mut App) -> Vec<Effect> {
    app.overview.error = None;
    vec![Effect::ComputeStats(app.overview.query(app.today()))]
}

fn step(current: usize, len: usize, delta: isize) -> usize {
    if len == 0 {
        return 0;
    }
    (current as isize)
        .saturating_add(delta)
        .clamp(0, len as isize - 1) as usize
}

fn move_by(app: &mut App, delta: isize) -> Vec<Effect> {
    match app.pane {
        Pane::Reminders => {
            app.reminder_selected = step(app.reminder_selected, app.reminders.len(), delta);
            // Near the end of those loaded, the next page is read.
            let near_end = app.reminder_selected + REMINDER_PAGE / 4 >= app.reminders.len();
            if app.more_reminders && near_end && app.reminders_wanted <= app.reminders.len() {
                app.reminders_wanted = app.reminders.len() + REMINDER_PAGE;
                vec![Effect::LoadReminders]
            } else {
                Vec::new()
            }
        }
        Pane::Students => {
            let before = app.students.selected;
            app.students.selected = step(before, app.students.visible.len(), delta);
            if app.students.selected != before {
                load_selected(app)
            } else {
                Vec::new()
            }
        }
        Pane::Timeline => {
            if let Some(view) = &mut app.case {
                match view.panel {
                    Panel::Events => {
                        view.selected = step(view.selected, view.case.events.len(), delta)
                    }
                    Panel::Conversations => {
                        view.conversation =
                            step(view.conversation, view.case.conversations.len(), delta)
                    }
                    Panel::Agreements => {
                        view.agreement = step(view.agreement, view.case.agreements.len(), delta)
                    }
                    Panel::Cooperation => {
                        view.coop = step(view.coop, view.coop_rows().len(), delta)
                    }
                }
            }
            Vec::new()
        }
        Pane::Overview => {
            // The table is drawn from `scroll`; the drawing keeps it within the lines.
            let o = &mut app.overview;
            o.scroll = (o.scroll as isize).saturating_add(delta).clamp(0, 500) as usize;
            Vec::new()
        }
    }
}

/// Loads the case of the selected student, so the timeline and the actions follow it.
pub fn load_selected(app: &mut App) -> Vec<Effect> {
    match app.students.selected_id() {
        Some(id) if app.case.as_ref().is_none_or(|v| v.case.id() != id) => {
            vec![Effect::LoadCase(id)]
        }
        _ => Vec::new(),
    }
}

fn open(app: &mut App) -> Vec<Effect> {
    match app.pane {
        Pane::Overview => {
            app.overview.charts = !app.overview.charts;
            Vec::new()
        }
        Pane::Reminders => {
            let Some(r) = app.reminders.get(app.reminder_selected) else {
                return Vec::new();
            };
            let id = r.item.student;
            app.students.select(id);
            app.pane = Pane::Timeline;
            if let Some(view) = &mut app.case
                && view.case.id() == id
            {
                view.selected = 0;
                return Vec::new();
            }
            app.case = None;
            vec![Effect::LoadCase(id)]
        }
        Pane::Students => {
            app.students.filtering = false;
            match app.students.selected_id() {
                Some(id) => {
                    app.pane = Pane::Timeline;
                    if app.case.as_ref().is_some_and(|v| v.case.id() == id) {
                        Vec::new()
                    } else {
                        app.case = None;
                        vec![Effect::LoadCase(id)]
                    }
                }
                None => no_student(app),
            }
        }
        Pane::Timeline => {
            let panel = app.case.as_ref().map(|v| v.panel);
            match panel {
                Some(Panel::Conversations) => {
                    if let Some((_, id, _)) = selected_conversation(app) {
                        dialogs::open_conversation(app, id, false);
                    }
                    Vec::new()
                }
                Some(Panel::Agreements) => done(app),
                Some(Panel::Cooperation) => {
                    open_coop_row(app);
                    Vec::new()
                }
                _ => {
                    dialogs::open_timeline_entry(app);
                    Vec::new()
                }
            }
        }
    }
}
