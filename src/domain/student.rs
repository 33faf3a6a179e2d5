//! The student (elev) and the facts kept about them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::cooperation::TeamFile;
use super::course::{self, CourseEnd, Intervention, SchoolPeriod};
use super::ids::{OrgId, StudentId};

/// The education programme.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Programme {
    /// Social- og sundhedshjælper.
    Ssh,
    /// Social- og sundhedsassistent.
    Ssa,
    /// SSA with upper-secondary subjects.
    EuxVelfaerd,
}

impl Programme {
    /// Every programme, in the order the user cycles through them.
    pub const ALL: [Programme; 3] = [Programme::Ssh, Programme::Ssa, Programme::EuxVelfaerd];
}

/// Where the student is in their education.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum StudentStatus {
    Active,
    OnLeave,
    Completed,
    DroppedOut,
    Transferred,
}

impl StudentStatus {
    /// Every status, in the order the user cycles through them.
    pub const ALL: [StudentStatus; 5] = [
        StudentStatus::Active,
        StudentStatus::OnLeave,
        StudentStatus::Completed,
        StudentStatus::DroppedOut,
        StudentStatus::Transferred,
    ];

    /// Whether the case still needs following up (reminders are only raised for these).
    pub fn is_followed_up(self) -> bool {
        matches!(self, StudentStatus::Active | StudentStatus::OnLeave)
    }
}

/// The kinds of special focus the cooperation agreement names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum FocusKind {
    Academic,
    Language,
    Social,
    Physical,
    Mental,
    /// The student asks for bigger challenges.
    BiggerChallenges,
}

impl FocusKind {
    /// Every focus area, in display order.
    pub const ALL: [FocusKind; 6] = [
        FocusKind::Academic,
        FocusKind::Language,
        FocusKind::Social,
        FocusKind::Physical,
        FocusKind::Mental,
        FocusKind::BiggerChallenges,
    ];
}

/// One focus area with the supervisor's description of it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FocusArea {
    pub kind: FocusKind,
    pub note: String,
}

/// The conversation type (samtaletype), from light (1) to severe (3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Level {
    One,
    Two,
    Three,
}

impl Level {
    /// All levels, lightest first.
    pub const ALL: [Level; 3] = [Level::One, Level::Two, Level::Three];

    /// The number used in speech and in the agreement ("type 2").
    pub fn number(self) -> u8 {
        match self {
            Level::One => 1,
            Level::Two => 2,
            Level::Three => 3,
        }
    }

    /// The next heavier level, if any.
    pub fn raised(self) -> Option<Level> {
        match self {
            Level::One => Some(Level::Two),
            Level::Two => Some(Level::Three),
            Level::Three => None,
        }
    }

    /// The next lighter level, if any.
    pub fn lowered(self) -> Option<Level> {
        match self {
            Level::One => None,
            Level::Two => Some(Level::One),
            Level::Three => Some(Level::Two),
        }
    }
}

/// A student who needs special focus. No CPR number and no contact details are kept.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Student {
    pub id: StudentId,
    pub name: String,
    pub programme: Programme,
    pub start: NaiveDate,
    pub expected_end: NaiveDate,
    pub school: String,
    /// The current training place (oplæringssted).
    pub workplace: String,
    /// The unit or ward within the workplace.
    pub unit: String,
    /// The employing authority (ansættende myndighed), usually a municipality or region.
    pub employer: String,
    pub supervisor: String,
    pub education_officer: String,
    pub focus_areas: Vec<FocusArea>,
    pub status: StudentStatus,
    /// The conversation type the case is currently at.
    pub level: Level,
    /// The day the level was last raised; a conversation of that level is then expected.
    pub level_raised_on: Option<NaiveDate>,
    /// The employing authority in the address book, when linked.
    pub employer_org: Option<OrgId>,
    /// The school in the address book, when linked.
    pub school_org: Option<OrgId>,
    /// The workplace in the address book, when linked.
    pub workplace_org: Option<OrgId>,
    /// The periods at school, which do not count towards the trial period.
    #[serde(default)]
    pub school_periods: Vec<SchoolPeriod>,
    /// How the course ended, once it has (set with a status of completed, dropped out or
    /// transferred).
    #[serde(default)]
    pub ended: Option<CourseEnd>,
    /// The support given to the student, in the order it was added.
    #[serde(default)]
    pub interventions: Vec<Intervention>,
    /// The cross-disciplinary team's file (samarbejdsmodellen); empty when there is none.
    #[serde(default)]
    pub team: TeamFile,
}

impl Student {
    /// The student's initials, used where the full name is more than needed.
    pub fn initials(&self) -> String {
        initials(&self.name)
    }

    /// The last day of the trial period: three months of workplace training from the start,
    /// school periods not counted.
    pub fn trial_end(&self) -> NaiveDate {
        course::trial_end(self.start, &self.school_periods)
    }
}

/// Initials of a name: the first letter of each word, upper-cased ("Anna Marie Holm" → "AMH").
pub fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_uppercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_raise_and_lower_one_step_within_1_to_3() {
        assert_eq!(Level::One.raised(), Some(Level::Two));
        assert_eq!(Level::Two.raised(), Some(Level::Three));
        assert_eq!(Level::Three.raised(), None);
        assert_eq!(Level::Three.lowered(), Some(Level::Two));
        assert_eq!(Level::One.lowered(), None);
    }

    #[test]
    fn initials_take_the_first_letter_of_each_name_including_danish_letters() {
        assert_eq!(initials("Åse Ørum-Hansen"), "ÅØ");
        assert_eq!(initials("  anna  marie holm "), "AMH");
        assert_eq!(initials(""), "");
    }

    #[test]
    fn only_active_and_on_leave_students_are_followed_up() {
        assert!(StudentStatus::Active.is_followed_up());
        assert!(StudentStatus::OnLeave.is_followed_up());
        assert!(!StudentStatus::Completed.is_followed_up());
        assert!(!StudentStatus::DroppedOut.is_followed_up());
        assert!(!StudentStatus::Transferred.is_followed_up());
    }
}
