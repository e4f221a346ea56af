-- The team server's first schema: accounts and sessions, projects and their members,
-- articles, assignments, each annotator's work and the gold.
--
-- Access is enforced twice: by the server's handlers, and here by row-level security on
-- every table that holds project data (articles, assignments, works, gold, projects),
-- keyed on the requesting user, which the server sets per transaction
-- (`set_config('app.user_id', …, true)`). FORCE makes the policies bind the tables' owner
-- too: the server must connect as an ordinary role (it refuses a superuser or a role that
-- bypasses row-level security). Invitations are made only by a project's coordinator, but
-- read by anyone who holds the (secret) token. Accounts, sessions and memberships are read
-- before anyone is known (logging in, accepting an invitation, the policies themselves),
-- and memberships are written only with an invitation's token or by a project's creator,
-- so they are guarded by the handlers alone.

CREATE TABLE users (
    id bigserial PRIMARY KEY,
    username text NOT NULL UNIQUE CHECK (length(username) BETWEEN 1 AND 64),
    password_hash text NOT NULL,
    -- May create projects (the first coordinator, made on the command line).
    creates_projects boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sessions (
    -- SHA-256 of the cookie's token: the database never holds a usable token.
    token_hash bytea PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
    csrf text NOT NULL,
    expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_expiry ON sessions (expires_at);

-- Failed logins, per account and per client address, for rate limiting.
CREATE TABLE login_failures (
    key text NOT NULL,
    at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_key ON login_failures (key, at);

CREATE TABLE projects (
    id bigserial PRIMARY KEY,
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    -- How many annotators each article goes to.
    overlap integer NOT NULL CHECK (overlap BETWEEN 1 AND 20),
    -- The label schema as the native format writes it (`labels`, `links`).
    labels jsonb NOT NULL,
    links jsonb NOT NULL,
    created_by bigint NOT NULL REFERENCES users,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE memberships (
    project_id bigint NOT NULL REFERENCES projects ON DELETE CASCADE,
    user_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
    role text NOT NULL CHECK (role IN ('coordinator', 'annotator', 'curator')),
    PRIMARY KEY (project_id, user_id, role)
);

CREATE TABLE invitations (
    token_hash bytea PRIMARY KEY,
    project_id bigint NOT NULL REFERENCES projects ON DELETE CASCADE,
    -- Shown to the invited person, who may not read the project yet.
    project_name text NOT NULL,
    role text NOT NULL CHECK (role IN ('coordinator', 'annotator', 'curator')),
    created_by bigint NOT NULL REFERENCES users,
    expires_at timestamptz NOT NULL,
    used_by bigint REFERENCES users,
    used_at timestamptz
);

CREATE TABLE articles (
    id bigserial PRIMARY KEY,
    project_id bigint NOT NULL REFERENCES projects ON DELETE CASCADE,
    position integer NOT NULL,
    -- The article's id in the dataset.
    doc_id text NOT NULL,
    title text NOT NULL,
    source text,
    text text NOT NULL,
    UNIQUE (project_id, position)
);

CREATE TABLE assignments (
    article_id bigint NOT NULL REFERENCES articles ON DELETE CASCADE,
    project_id bigint NOT NULL REFERENCES projects ON DELETE CASCADE,
    annotator_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
    PRIMARY KEY (article_id, annotator_id)
);
CREATE INDEX assignments_annotator ON assignments (project_id, annotator_id);

-- How many annotators each article is assigned to. Not project data (counts only), and
-- kept outside row-level security so "give me the next article" can honour the overlap
-- while an annotator sees only their own assignments. Kept by a trigger.
CREATE TABLE article_load (
    article_id bigint PRIMARY KEY REFERENCES articles ON DELETE CASCADE,
    project_id bigint NOT NULL REFERENCES projects ON DELETE CASCADE,
    position integer NOT NULL,
    assigned integer NOT NULL DEFAULT 0
);
CREATE INDEX article_load_project ON article_load (project_id, assigned, position);

CREATE FUNCTION count_assignment() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE article_load SET assigned = assigned + 1 WHERE article_id = NEW.article_id;
        RETURN NEW;
    END IF;
    UPDATE article_load SET assigned = assigned - 1 WHERE article_id = OLD.article_id;
    RETURN OLD;
END
$$;
CREATE TRIGGER assignments_count AFTER INSERT OR DELETE ON assignments
    FOR EACH ROW EXECUTE FUNCTION count_assignment();

-- Every write of a work or of the gold takes the next number: pulls ask for what came
-- after the last number they saw. Writes to one project are serialised (an advisory lock
-- held to commit), so a project's numbers become visible in order.
CREATE SEQUENCE changes;

CREATE TABLE works (
    article_id bigint NOT NULL REFERENCES articles ON DELETE CASCADE,
    project_id bigint NOT NULL REFERENCES projects ON DELETE CASCADE,
    annotator_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
    -- 1 for the first push, one more for each accepted push.
    version bigint NOT NULL CHECK (version > 0),
    -- The article's spans and relations as the app stores them (`StoredWork`).
    work text NOT NULL,
    spans integer NOT NULL,
    done boolean NOT NULL DEFAULT false,
    seq bigint NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (article_id, annotator_id)
);
CREATE INDEX works_changes ON works (project_id, seq);

CREATE TABLE gold (
    article_id bigint PRIMARY KEY REFERENCES articles ON DELETE CASCADE,
    project_id bigint NOT NULL REFERENCES projects ON DELETE CASCADE,
    version bigint NOT NULL CHECK (version > 0),
    work text NOT NULL,
    spans integer NOT NULL,
    curator_id bigint NOT NULL REFERENCES users,
    seq bigint NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- Who is asking: set by the server at the start of each transaction.
CREATE FUNCTION app_user() RETURNS bigint LANGUAGE sql STABLE AS $$
    SELECT nullif(current_setting('app.user_id', true), '')::bigint
$$;

CREATE FUNCTION app_has_role(project bigint, wanted text) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT EXISTS (
        SELECT 1 FROM memberships
        WHERE project_id = project AND user_id = app_user() AND role = wanted
    )
$$;

CREATE FUNCTION app_sees_all(project bigint) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT app_has_role(project, 'coordinator') OR app_has_role(project, 'curator')
$$;

-- Reads `assignments`, so only the asker's own rows count (its policy below).
CREATE FUNCTION app_assigned(article bigint) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT EXISTS (
        SELECT 1 FROM assignments WHERE article_id = article AND annotator_id = app_user()
    )
$$;

ALTER TABLE projects ENABLE ROW LEVEL SECURITY;
ALTER TABLE projects FORCE ROW LEVEL SECURITY;
CREATE POLICY projects_read ON projects FOR SELECT USING (
    created_by = app_user()
    OR EXISTS (
        SELECT 1 FROM memberships
        WHERE memberships.project_id = projects.id AND memberships.user_id = app_user()
    )
);
CREATE POLICY projects_create ON projects FOR INSERT WITH CHECK (
    created_by = app_user()
    AND EXISTS (SELECT 1 FROM users WHERE users.id = app_user() AND creates_projects)
);
CREATE POLICY projects_change ON projects FOR UPDATE
    USING (app_has_role(id, 'coordinator')) WITH CHECK (app_has_role(id, 'coordinator'));

ALTER TABLE articles ENABLE ROW LEVEL SECURITY;
ALTER TABLE articles FORCE ROW LEVEL SECURITY;
CREATE POLICY articles_read ON articles FOR SELECT
    USING (app_sees_all(project_id) OR app_assigned(id));
CREATE POLICY articles_create ON articles FOR INSERT
    WITH CHECK (app_has_role(project_id, 'coordinator'));

ALTER TABLE assignments ENABLE ROW LEVEL SECURITY;
ALTER TABLE assignments FORCE ROW LEVEL SECURITY;
CREATE POLICY assignments_read ON assignments FOR SELECT
    USING (annotator_id = app_user() OR app_sees_all(project_id));
CREATE POLICY assignments_create ON assignments FOR INSERT
    WITH CHECK (app_has_role(project_id, 'coordinator')
        OR (annotator_id = app_user() AND app_has_role(project_id, 'annotator')));
CREATE POLICY assignments_remove ON assignments FOR DELETE
    USING (app_has_role(project_id, 'coordinator'));

ALTER TABLE works ENABLE ROW LEVEL SECURITY;
ALTER TABLE works FORCE ROW LEVEL SECURITY;
CREATE POLICY works_read ON works FOR SELECT
    USING (annotator_id = app_user() OR app_sees_all(project_id));
CREATE POLICY works_create ON works FOR INSERT
    WITH CHECK (annotator_id = app_user() AND app_assigned(article_id));
CREATE POLICY works_change ON works FOR UPDATE
    USING (annotator_id = app_user())
    WITH CHECK (annotator_id = app_user() AND app_assigned(article_id));

ALTER TABLE gold ENABLE ROW LEVEL SECURITY;
ALTER TABLE gold FORCE ROW LEVEL SECURITY;
CREATE POLICY gold_read ON gold FOR SELECT USING (app_sees_all(project_id));
CREATE POLICY gold_create ON gold FOR INSERT
    WITH CHECK (curator_id = app_user() AND app_has_role(project_id, 'curator'));
CREATE POLICY gold_change ON gold FOR UPDATE
    USING (app_has_role(project_id, 'curator'))
    WITH CHECK (curator_id = app_user() AND app_has_role(project_id, 'curator'));

ALTER TABLE invitations ENABLE ROW LEVEL SECURITY;
ALTER TABLE invitations FORCE ROW LEVEL SECURITY;
CREATE POLICY invitations_read ON invitations FOR SELECT USING (true);
CREATE POLICY invitations_use ON invitations FOR UPDATE USING (true);
CREATE POLICY invitations_create ON invitations FOR INSERT
    WITH CHECK (created_by = app_user() AND app_has_role(project_id, 'coordinator'));
