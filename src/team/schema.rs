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
pub const STEPS: &[Step] = &[
    Step {
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
    },
    Step {
        version: 2,
        name: "the application on the server: summaries, due index, marks, address book, \
               receipts, register of written files, ids, versions and change notices",
        sql: STEP_2,
    },
];

/// What the application itself needs to run against the server.
const STEP_2: &str = r#"
-- Who saved a student last and when, for the message a refused save gives; the summary
-- the student list is built from, kept beside the case so the list never reads cases.
ALTER TABLE fokus.students
    ADD COLUMN summary jsonb,
    ADD COLUMN changed_by name NOT NULL DEFAULT session_user,
    ADD COLUMN changed_at timestamptz NOT NULL DEFAULT now();

-- Users' Fokus checks the schema is the one it knows before it reads anything.
GRANT SELECT ON fokus.schema_history TO fokus_user;

-- Fresh ids for every record, shared by the whole team.
CREATE SEQUENCE fokus.ids;
GRANT USAGE ON SEQUENCE fokus.ids TO fokus_user;

-- The due index: one row per thing falling due, keyed as the embedded database keys it
-- (date, kind, student, subject; compared byte by byte), so reading it in order is a
-- range of the primary key.
CREATE TABLE fokus.due (
    key bytea PRIMARY KEY,
    student_id bigint NOT NULL REFERENCES fokus.students ON DELETE CASCADE,
    kind smallint NOT NULL,
    subject bigint NOT NULL,
    date date NOT NULL,
    item jsonb NOT NULL
);
CREATE INDEX due_of_student ON fokus.due (student_id);
CREATE INDEX due_by_reminder ON fokus.due (subject, date);

-- A user's own snoozes and done marks; a mark on a student's reminder goes with the
-- student.
CREATE TABLE fokus.marks (
    login name NOT NULL DEFAULT session_user,
    key bytea NOT NULL,
    student_id bigint REFERENCES fokus.students ON DELETE CASCADE,
    mark jsonb NOT NULL,
    PRIMARY KEY (login, key)
);

-- Whether the authority's address book has been given the cooperation agreement's
-- organisations (once: what users remove later stays removed).
ALTER TABLE fokus.authorities ADD COLUMN book_seeded boolean NOT NULL DEFAULT false;

-- The employing authority's address book.
CREATE TABLE fokus.organisations (
    id bigint PRIMARY KEY,
    authority_id bigint NOT NULL DEFAULT fokus.my_authority() REFERENCES fokus.authorities,
    record jsonb NOT NULL
);

-- Deletion receipts: that a student was erased, when and by whom; nothing of the student.
CREATE TABLE fokus.receipts (
    id text PRIMARY KEY,
    authority_id bigint NOT NULL DEFAULT fokus.my_authority() REFERENCES fokus.authorities,
    at timestamp NOT NULL,
    record jsonb NOT NULL
);

-- The files each user's Fokus wrote on their own PC, for erasure to find again.
CREATE TABLE fokus.written_files (
    login name NOT NULL DEFAULT session_user,
    path text NOT NULL,
    students bigint[] NOT NULL,
    record jsonb NOT NULL,
    PRIMARY KEY (login, path)
);

ALTER TABLE fokus.due ENABLE ROW LEVEL SECURITY;
ALTER TABLE fokus.due FORCE ROW LEVEL SECURITY;
ALTER TABLE fokus.marks ENABLE ROW LEVEL SECURITY;
ALTER TABLE fokus.marks FORCE ROW LEVEL SECURITY;
ALTER TABLE fokus.organisations ENABLE ROW LEVEL SECURITY;
ALTER TABLE fokus.organisations FORCE ROW LEVEL SECURITY;
ALTER TABLE fokus.receipts ENABLE ROW LEVEL SECURITY;
ALTER TABLE fokus.receipts FORCE ROW LEVEL SECURITY;
ALTER TABLE fokus.written_files ENABLE ROW LEVEL SECURITY;
ALTER TABLE fokus.written_files FORCE ROW LEVEL SECURITY;

CREATE POLICY owner_all ON fokus.due TO PUBLIC
    USING (pg_has_role(session_user, (SELECT relowner FROM pg_class
                                      WHERE oid = 'fokus.due'::regclass), 'USAGE'));
CREATE POLICY owner_all ON fokus.marks TO PUBLIC
    USING (pg_has_role(session_user, (SELECT relowner FROM pg_class
                                      WHERE oid = 'fokus.marks'::regclass), 'USAGE'));
CREATE POLICY owner_all ON fokus.organisations TO PUBLIC
    USING (pg_has_role(session_user, (SELECT relowner FROM pg_class
                                      WHERE oid = 'fokus.organisations'::regclass), 'USAGE'));
CREATE POLICY owner_all ON fokus.receipts TO PUBLIC
    USING (pg_has_role(session_user, (SELECT relowner FROM pg_class
                                      WHERE oid = 'fokus.receipts'::regclass), 'USAGE'));
CREATE POLICY owner_all ON fokus.written_files TO PUBLIC
    USING (pg_has_role(session_user, (SELECT relowner FROM pg_class
                                      WHERE oid = 'fokus.written_files'::regclass), 'USAGE'));

-- Reading the students as the role allows, asking who the session is once per query
-- rather than once per row (which cost half a second for an officer's 4,000 students):
-- the ids a supervisor follows, or the authority, are looked up once and compared.
CREATE FUNCTION fokus.my_students() RETURNS bigint[]
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    AS $$ SELECT coalesce(array_agg(student_id), '{}') FROM fokus.assignments
          WHERE login = session_user $$;
REVOKE ALL ON FUNCTION fokus.my_students() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION fokus.my_students() TO fokus_user;
DROP POLICY seen ON fokus.students;
CREATE POLICY seen ON fokus.students FOR SELECT TO fokus_user
    USING (CASE (SELECT fokus.my_role())
               WHEN 'supervisor' THEN id = ANY ((SELECT fokus.my_students())::bigint[])
               WHEN 'officer' THEN authority_id = (SELECT fokus.my_authority())
               WHEN 'authority' THEN authority_id = (SELECT fokus.my_authority())
               ELSE false
           END);

-- The due index follows the students one sees (a semi-join with the policy above).
CREATE POLICY seen ON fokus.due FOR ALL TO fokus_user
    USING (student_id IN (SELECT id FROM fokus.students))
    WITH CHECK (student_id IN (SELECT id FROM fokus.students));
-- Marks are one's own.
CREATE POLICY own ON fokus.marks FOR ALL TO fokus_user
    USING (login = session_user)
    WITH CHECK (login = session_user AND (student_id IS NULL OR fokus.may_see(student_id)));
-- The address book and the receipts are the authority's.
CREATE POLICY own_authority ON fokus.organisations FOR ALL TO fokus_user
    USING (authority_id = fokus.my_authority())
    WITH CHECK (authority_id = fokus.my_authority());
CREATE POLICY read ON fokus.receipts FOR SELECT TO fokus_user
    USING (authority_id = fokus.my_authority());
CREATE POLICY written ON fokus.receipts FOR INSERT TO fokus_user
    WITH CHECK (authority_id = fokus.my_authority()
                AND fokus.my_role() IN ('officer', 'authority'));
-- The register is one's own.
CREATE POLICY own ON fokus.written_files FOR ALL TO fokus_user
    USING (login = session_user) WITH CHECK (login = session_user);

-- True for the one session that gets to give the user's authority its first address
-- book; false ever after.
CREATE FUNCTION fokus.claim_first_book() RETURNS boolean
    LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    AS $$
        UPDATE fokus.authorities SET book_seeded = true
        WHERE id = fokus.my_authority() AND NOT book_seeded
        RETURNING true
    $$;
REVOKE ALL ON FUNCTION fokus.claim_first_book() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION fokus.claim_first_book() TO fokus_user;

GRANT SELECT, INSERT, UPDATE, DELETE ON fokus.due, fokus.marks, fokus.organisations,
    fokus.written_files TO fokus_user;
GRANT SELECT, INSERT ON fokus.receipts TO fokus_user;

-- Every change to a student (or to who supervises them) is announced on the channel
-- fokus_changes with the student's id only, so open Fokus windows reread what changed;
-- what they may see of it is decided when they read.
CREATE FUNCTION fokus.announce_change() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
    AS $$
    BEGIN
        IF TG_TABLE_NAME = 'students' THEN
            PERFORM pg_notify('fokus_changes',
                CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END::text);
        ELSE
            PERFORM pg_notify('fokus_changes',
                CASE WHEN TG_OP = 'DELETE' THEN OLD.student_id ELSE NEW.student_id END::text);
        END IF;
        RETURN NULL;
    END
    $$;
CREATE TRIGGER announced AFTER INSERT OR UPDATE OR DELETE ON fokus.students
    FOR EACH ROW EXECUTE FUNCTION fokus.announce_change();
CREATE TRIGGER announced AFTER INSERT OR DELETE ON fokus.assignments
    FOR EACH ROW EXECUTE FUNCTION fokus.announce_change();
"#;
