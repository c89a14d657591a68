-- chorus report, done by SQL: every share with its content, once, then the
-- groupings the report prints (platform, week, month, campaign, pillar, type,
-- person, team), the activity of each person, and the campaigns' progress.
CREATE TEMP TABLE s AS
  SELECT sh.shared_at AS at, sh.platform_id AS pl, sh.person_id AS pe,
         COALESCE(c.campaign_id, 0) AS ca, COALESCE(c.pillar_id, 0) AS pi,
         COALESCE(c.message_type_id, 0) AS ty, sh.impressions AS im, sh.clicks AS cl,
         sh.reactions AS re, sh.comments AS co, sh.reshares AS rs
  FROM shares sh JOIN messages m ON m.id = sh.message_id JOIN content c ON c.id = m.content_id;
SELECT p.key, count(*), sum(im), sum(cl), sum(re), sum(co), sum(rs),
  sum(im) / 1000.0 * p.cpm + sum(cl) * p.cpc + sum(re) * p.reaction_multiplier
  FROM s JOIN platforms p ON p.id = s.pl GROUP BY s.pl ORDER BY p.position;
SELECT (at - 345600) / 604800 AS w, pl, count(*), sum(im), sum(cl), sum(re) FROM s GROUP BY w, pl;
SELECT strftime('%Y-%m', at, 'unixepoch') AS mo, pl, count(*), sum(im), sum(cl), sum(re) FROM s GROUP BY mo, pl;
SELECT ca, count(*), sum(im), sum(cl) FROM s GROUP BY ca;
SELECT pi, count(*), sum(im), sum(cl) FROM s GROUP BY pi;
SELECT ty, count(*), sum(im), sum(cl) FROM s GROUP BY ty;
SELECT p.login, p.name, count(s.pe), sum(im), sum(cl) FROM people p LEFT JOIN s ON s.pe = p.id
  GROUP BY p.id ORDER BY p.login;
SELECT t.name, count(s.pe), sum(im) FROM teams t JOIN people p ON p.team_id = t.id
  LEFT JOIN s ON s.pe = p.id GROUP BY t.id;
SELECT person_id, kind, sum(n) FROM activity WHERE kind <> 'share' GROUP BY 1, 2;
SELECT ca.name, ca.target_shares, count(sh.id) FROM campaigns ca
  LEFT JOIN content c ON c.campaign_id = ca.id LEFT JOIN messages m ON m.content_id = c.id
  LEFT JOIN shares sh ON sh.message_id = m.id GROUP BY ca.id;
SELECT p.login, f.first FROM (SELECT person_id, min(shared_at) AS first FROM shares GROUP BY person_id) f
  JOIN people p ON p.id = f.person_id ORDER BY f.first;
