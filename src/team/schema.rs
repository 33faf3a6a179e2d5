//! The shared case file's schema on PostgreSQL, as ordered, numbered steps.
//!
//! `migrate` applies the steps a server does not have yet, each in the transaction that
//! records it, under an advisory lock so two administrators running `fokus team init` at
//! once do not both apply a step. Steps are never edited once released; a change is a
//! new step at the end.
//!
//! Who sees what is decided by the server: every table has row-level security, forced so
//! that it holds for the tables' owner too, and the policies ask the server who the
//! session's login is (`session_user`), never what the client says. The tables belong to
//! whoever runs `team init` (the municipality's database administrator); the logins Fokus
//! users connect with are members of the group roles below and own nothing.

/// One step of the schema.
pub struct Step {
    pub version: i32,
    /// What it does, kept in the schema's history.
    pub name: &'static str,
    pub sql: &'static str,
}

/// The group role every Fokus login is a member of.
pub const USERS: &str = "fokus_user";

/// The steps, oldest first.
pub const STEPS: &[Step] = &[Step {
    version: 1,
    name: "authorities, people, students, assignments, access log; roles and policies",
    sql: r#"
DO $roles$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'fokus_user') THEN
        CREATE ROLE fokus_user NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'fokus_supervisor') THEN
        CREATE ROLE fokus_supervisor NOLOGIN IN ROLE fokus_user;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'fokus_officer') THEN
        CREATE ROLE fokus_officer NOLOGIN IN ROLE fokus_user;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'fokus_authority') THEN
        CREATE ROLE fokus_authority NOLOGIN IN ROLE fokus_user;
    END IF;
END
$roles$;

CREATE TABLE fokus.authorities (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL UNIQUE CHECK (name <> '')
);

-- The people who use Fokus: their login, the name and role documents name them by, and
-- the employing authority they work for.
CREATE TABLE fokus.people (
    login name PRIMARY KEY,
    full_name text NOT NULL CHECK (full_name <> ''),
    role text NOT NULL CHECK (role IN ('supervisor', 'officer', 'authority')),
    authority_id bigint NOT NULL REFERENCES fokus.authorities
);

CREATE TABLE fokus.students (
    id bigint PRIMARY KEY,
    authority_id bigint NOT NULL REFERENCES fokus.authorities,
    name text NOT NULL,
    -- Raised by every save: a save names the version it started from (optimistic).
    version bigint NOT NULL DEFAULT 1,
    record jsonb NOT NULL DEFAULT '{}'
);

-- Which supervisor follows which student.
CREATE TABLE fokus.assignments (
    student_id bigint NOT NULL REFERENCES fokus.students ON DELETE CASCADE,
    login name NOT NULL REFERENCES fokus.people ON DELETE CASCADE,
    PRIMARY KEY (student_id, login)
);

-- Every opening of a case and every change, by whom and when. Users may add to it and
-- read what concerns students they see; nobody but the owner may change or remove it.
CREATE TABLE fokus.access_log (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT now(),
    login name NOT NULL DEFAULT session_user,
    student_id bigint NOT NULL,
    action text NOT NULL CHECK (action <> '')
);

-- What the server knows about the session's login. SECURITY DEFINER so the policies can
-- ask without the user seeing the people table beyond what its own policy allows; the
-- search path is fixed so nothing the user creates can stand in for these tables.
CREATE FUNCTION fokus.my_role() RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    AS $$ SELECT role FROM fokus.people WHERE login = session_user $$;
CREATE FUNCTION fokus.my_authority() RETURNS bigint
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    AS $$ SELECT authority_id FROM fokus.people WHERE login = session_user $$;
CREATE FUNCTION fokus.assigned_to_me(student bigint) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    AS $$ SELECT EXISTS (SELECT 1 FROM fokus.assignments
                         WHERE student_id = student AND login = session_user) $$;
-- Whether the session may see student `student`: a supervisor the students they follow,
-- an education officer or the employing authority every student of their authority.
CREATE FUNCTION fokus.may_see(student bigint) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    AS $$
        SELECT CASE fokus.my_role()
            WHEN 'supervisor' THEN fokus.assigned_to_me(student)
            WHEN 'officer' THEN EXISTS (SELECT 1 FROM fokus.students s
                                        WHERE s.id = student
                                          AND s.authority_id = fokus.my_authority())
            WHEN 'authority' THEN EXISTS (SELECT 1 FROM fokus.students s
                                          WHERE s.id = student
                                            AND s.authority_id = fokus.my_authority())
            ELSE false
        END
    $$;
REVOKE ALL ON FUNCTION fokus.my_role(), fokus.my_authority(), fokus.assigned_to_me(bigint),
    fokus.may_see(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION fokus.my_role(), fokus.my_authority(), fokus.assigned_to_me(bigint),
    fokus.may_see(bigint) TO fokus_user;

ALTER TABLE fokus.authorities ENABLE ROW LEVEL SECURITY;
ALTER TABLE fokus.authorities FORCE ROW LEVEL SECURITY;
ALTER TABLE fokus.people ENABLE ROW LEVEL SECURITY;
ALTER TABLE fokus.people FORCE ROW LEVEL SECURITY;
ALTER TABLE fokus.students ENABLE ROW LEVEL SECURITY;
ALTER TABLE fokus.students FORCE ROW LEVEL SECURITY;
ALTER TABLE fokus.assignments ENABLE ROW LEVEL SECURITY;
ALTER TABLE fokus.assignments FORCE ROW LEVEL SECURITY;
ALTER TABLE fokus.access_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE fokus.access_log FORCE ROW LEVEL SECURITY;

-- The owner (who ran `team init`) administers everything.
CREATE POLICY owner_all ON fokus.authorities TO PUBLIC
    USING (pg_has_role(session_user, (SELECT relowner FROM pg_class
                                      WHERE oid = 'fokus.authorities'::regclass), 'USAGE'));
CREATE POLICY owner_all ON fokus.people TO PUBLIC
    USING (pg_has_role(session_user, (SELECT relowner FROM pg_class
                                      WHERE oid = 'fokus.people'::regclass), 'USAGE'));
CREATE POLICY owner_all ON fokus.students TO PUBLIC
    USING (pg_has_role(session_user, (SELECT relowner FROM pg_class
                                      WHERE oid = 'fokus.students'::regclass), 'USAGE'));
CREATE POLICY owner_all ON fokus.assignments TO PUBLIC
    USING (pg_has_role(session_user, (SELECT relowner FROM pg_class
                                      WHERE oid = 'fokus.assignments'::regclass), 'USAGE'));
CREATE POLICY owner_read ON fokus.access_log FOR SELECT TO PUBLIC
    USING (pg_has_role(session_user, (SELECT relowner FROM pg_class
                                      WHERE oid = 'fokus.access_log'::regclass), 'USAGE'));

-- Users see their own authority, and the people of it (to show who wrote what).
CREATE POLICY own_authority ON fokus.authorities FOR SELECT TO fokus_user
    USING (id = fokus.my_authority());
CREATE POLICY same_authority ON fokus.people FOR SELECT TO fokus_user
    USING (authority_id = fokus.my_authority());

-- Students: seen, changed and added as the role allows, and only within the authority.
CREATE POLICY seen ON fokus.students FOR SELECT TO fokus_user
    USING (fokus.may_see(id));
CREATE POLICY changed ON fokus.students FOR UPDATE TO fokus_user
    USING (fokus.may_see(id))
    WITH CHECK (authority_id = fokus.my_authority());
CREATE POLICY added ON fokus.students FOR INSERT TO fokus_user
    WITH CHECK (authority_id = fokus.my_authority()
                AND fokus.my_role() IN ('officer', 'authority'));
CREATE POLICY removed ON fokus.students FOR DELETE TO fokus_user
    USING (fokus.may_see(id) AND fokus.my_role() IN ('officer', 'authority'));

-- Assignments: seen for students one sees; made by officers and the authority.
CREATE POLICY seen ON fokus.assignments FOR SELECT TO fokus_user
    USING (fokus.may_see(student_id));
CREATE POLICY made ON fokus.assignments FOR INSERT TO fokus_user
    WITH CHECK (fokus.may_see(student_id) AND fokus.my_role() IN ('officer', 'authority'));
CREATE POLICY unmade ON fokus.assignments FOR DELETE TO fokus_user
    USING (fokus.may_see(student_id) AND fokus.my_role() IN ('officer', 'authority'));

-- The access log: appended to as oneself about students one sees; read likewise.
CREATE POLICY appended ON fokus.access_log FOR INSERT TO fokus_user
    WITH CHECK (login = session_user AND fokus.may_see(student_id));
CREATE POLICY read ON fokus.access_log FOR SELECT TO fokus_user
    USING (fokus.may_see(student_id));

GRANT USAGE ON SCHEMA fokus TO fokus_user;
GRANT SELECT ON fokus.authorities, fokus.people TO fokus_user;
GRANT SELECT, INSERT, UPDATE, DELETE ON fokus.students TO fokus_user;
GRANT SELECT, INSERT, DELETE ON fokus.assignments TO fokus_user;
GRANT SELECT, INSERT ON fokus.access_log TO fokus_user;
"#,
}];
