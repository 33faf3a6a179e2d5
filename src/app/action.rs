//! The actions a key can be bound to. Their names are part of the documented keymap
//! interface: changing one breaks users' keymap files.

use std::fmt;

/// Something the user asks Fokus to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Action {
    Quit,
    Help,
    NextPane,
    PrevPane,
    ShowReminders,
    ShowStudents,
    ShowTimeline,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Open,
    Filter,
    NewStudent,
    EditStudent,
    NewConversation,
    EditConversation,
    CancelConversation,
    Save,
    Finalize,
    Escalate,
    Deescalate,
    Snooze,
    Done,
    AddAgreement,
    AddNote,
    AddAddendum,
    NextField,
    PrevField,
    Toggle,
    Delete,
    Cancel,
    AddressBook,
    Distribution,
    ExportMinutes,
    CopyRecipients,
    ExportCalendar,
    ImportStudents,
    ExportStudent,
    DeleteStudent,
    /// Tell Fokus (again) who you are: name and role.
    Profile,
    /// The next panel of the timeline pane (timeline, conversations, agreements).
    NextPanel,
    /// The previous panel of the timeline pane.
    PrevPanel,
    /// Copy the text of the field being edited to the clipboard.
    Copy,
    /// A new consent form in the student's team file.
    NewConsent,
    /// Someone new on the student's network map.
    NewNetworkMember,
    /// A new goal of the student's.
    NewGoal,
    /// A new sub-goal of the goal selected in the cooperation panel.
    NewSubGoal,
    /// A new intervention for the student.
    NewIntervention,
    /// The checklist of a new team meeting.
    NewTeamMeeting,
    /// Print all five cooperation tools as one document.
    ExportTeamFile,
    /// Go to the Overblik pane: the figures for management.
    ShowOverview,
    /// Switch the Overblik pane between charts and the table of every figure.
    ToggleCharts,
    /// The next period of the figures (this year, twelve months, last year, all).
    NextPeriod,
    /// The next grouping of the figures (none, workplace, school, programme, cohort).
    NextGrouping,
    /// Write the figures as CSV and PDF for management.
    ExportStats,
    /// The next group's figures in the Overblik pane.
    NextGroup,
    /// The previous group's figures in the Overblik pane.
    PrevGroup,
    /// Binds a key to nothing, to remove a default binding in a user keymap.
    None,
}

impl Action {
    /// Every action with its name in keymap files.
    pub const ALL: [(Action, &'static str); 61] = [
        (Action::Quit, "quit"),
        (Action::Help, "help"),
        (Action::NextPane, "next_pane"),
        (Action::PrevPane, "prev_pane"),
        (Action::ShowReminders, "show_reminders"),
        (Action::ShowStudents, "show_students"),
        (Action::ShowTimeline, "show_timeline"),
        (Action::Up, "up"),
        (Action::Down, "down"),
        (Action::PageUp, "page_up"),
        (Action::PageDown, "page_down"),
        (Action::Top, "top"),
        (Action::Bottom, "bottom"),
        (Action::Open, "open"),
        (Action::Filter, "filter"),
        (Action::NewStudent, "new_student"),
        (Action::EditStudent, "edit_student"),
        (Action::NewConversation, "new_conversation"),
        (Action::EditConversation, "edit_conversation"),
        (Action::CancelConversation, "cancel_conversation"),
        (Action::Save, "save"),
        (Action::Finalize, "finalize"),
        (Action::Escalate, "escalate"),
        (Action::Deescalate, "deescalate"),
        (Action::Snooze, "snooze"),
        (Action::Done, "done"),
        (Action::AddAgreement, "add_agreement"),
        (Action::AddNote, "add_note"),
        (Action::AddAddendum, "add_addendum"),
        (Action::NextField, "next_field"),
        (Action::PrevField, "prev_field"),
        (Action::Toggle, "toggle"),
        (Action::Delete, "delete"),
        (Action::Cancel, "cancel"),
        (Action::AddressBook, "address_book"),
        (Action::Distribution, "distribution"),
        (Action::ExportMinutes, "export_minutes"),
        (Action::CopyRecipients, "copy_recipients"),
        (Action::ExportCalendar, "export_calendar"),
        (Action::ImportStudents, "import_students"),
        (Action::ExportStudent, "export_student"),
        (Action::DeleteStudent, "delete_student"),
        (Action::Profile, "profile"),
        (Action::NextPanel, "next_panel"),
        (Action::PrevPanel, "prev_panel"),
        (Action::Copy, "copy"),
        (Action::NewConsent, "new_consent"),
        (Action::NewNetworkMember, "new_network_member"),
        (Action::NewGoal, "new_goal"),
        (Action::NewSubGoal, "new_sub_goal"),
        (Action::NewIntervention, "new_intervention"),
        (Action::NewTeamMeeting, "new_team_meeting"),
        (Action::ExportTeamFile, "export_team_file"),
        (Action::ShowOverview, "show_overview"),
        (Action::ToggleCharts, "toggle_charts"),
        (Action::NextPeriod, "next_period"),
        (Action::NextGrouping, "next_grouping"),
        (Action::ExportStats, "export_stats"),
        (Action::NextGroup, "next_group"),
        (Action::PrevGroup, "prev_group"),
        (Action::None, "none"),
    ];

    /// The action named `name` in a keymap file.
    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL
            .iter()
            .find(|(_, n)| *n == name)
            .map(|(a, _)| *a)
    }

    /// The action's name in keymap files.
    pub fn name(self) -> &'static str {
        Action::ALL
            .iter()
            .find(|(a, _)| *a == self)
            .map_or("none", |(_, n)| n)
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_has_a_unique_name_that_reads_back() {
        let mut names = std::collections::HashSet::new();
        for (action, name) in Action::ALL {
            assert!(names.insert(name), "duplicate name {name}");
            assert_eq!(Action::from_name(name), Some(action));
            assert_eq!(action.name(), name);
        }
        assert_eq!(Action::from_name("qiut"), None);
    }
}
