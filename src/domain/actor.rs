//! The people who use Fokus: who did something, as they told Fokus who they are.

use serde::{Deserialize, Serialize};

use super::conversation::Role;

/// Someone who did something in Fokus: planned a meeting, finalized minutes, erased a
/// student. Documents and timelines name them by the name and role they gave Fokus; the
/// operating-system login is kept only as a secondary audit field.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Actor {
    /// The person's name, as they gave it to Fokus.
    pub name: String,
    /// Their role in the cooperation; `None` for records from before Fokus asked.
    pub role: Option<Role>,
    /// The operating-system login of the account that was used, for auditing only.
    pub login: String,
}

impl Actor {
    /// A person with a name and a role, working under `login`.
    pub fn new(name: impl Into<String>, role: Role, login: impl Into<String>) -> Actor {
        Actor {
            name: name.into(),
            role: Some(role),
            login: login.into(),
        }
    }

    /// Someone recorded before Fokus asked people for their name: the login is all that
    /// was kept, so it stands in for the name.
    pub fn login_only(login: impl Into<String>) -> Actor {
        let login = login.into();
        Actor {
            name: login.clone(),
            role: None,
            login,
        }
    }
}

/// The roles a user of Fokus can have: everyone at the meeting but the student.
pub const USER_ROLES: [Role; 5] = [
    Role::Supervisor,
    Role::EducationOfficer,
    Role::EmployingAuthority,
    Role::SchoolCounsellor,
    Role::WorkplaceManager,
];

impl Role {
    /// The role's name in configuration files (`education_officer`).
    pub fn code(self) -> &'static str {
        match self {
            Role::Student => "student",
            Role::Supervisor => "supervisor",
            Role::EducationOfficer => "education_officer",
            Role::EmployingAuthority => "employing_authority",
            Role::SchoolCounsellor => "school_counsellor",
            Role::WorkplaceManager => "workplace_manager",
        }
    }

    /// The user role named `code` in a configuration file; the student is no user.
    pub fn from_user_code(code: &str) -> Option<Role> {
        USER_ROLES.into_iter().find(|r| r.code() == code.trim())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_roles_read_back_from_their_codes_and_the_student_is_no_user() {
        for role in USER_ROLES {
            assert_eq!(Role::from_user_code(role.code()), Some(role));
        }
        assert_eq!(Role::from_user_code("student"), None);
        assert_eq!(Role::from_user_code("boss"), None);
    }

    #[test]
    fn an_old_record_names_its_login_and_claims_no_role() {
        let a = Actor::login_only("root");
        assert_eq!(a.name, "root");
        assert_eq!(a.role, None);
    }
}
