-- chorus people list
SELECT p.id, p.login, p.name, COALESCE(p.email, ''), COALESCE(t.name, ''),
  COALESCE(p.team_id, 0), p.roles, p.active, p.version, p.updated_at
FROM people p LEFT JOIN teams t ON t.id = p.team_id ORDER BY p.login;
