-- chorus content list --stage inbox: the same columns, joins and order.
SELECT c.id, c.title, c.body, c.kind, c.stage, c.creator_id, cr.login, cr.name,
  COALESCE(c.editor_id, 0), COALESCE(ed.login, ''), COALESCE(c.pillar_id, 0),
  COALESCE(pl.name, ''), COALESCE(pl.colour, ''), COALESCE(c.campaign_id, 0),
  COALESCE(ca.name, ''), c.reject_reason, c.created_at, c.stage_at, c.version,
  c.updated_at, COALESCE(ub.login, '')
FROM content c JOIN people cr ON cr.id = c.creator_id
LEFT JOIN people ed ON ed.id = c.editor_id LEFT JOIN pillars pl ON pl.id = c.pillar_id
LEFT JOIN campaigns ca ON ca.id = c.campaign_id LEFT JOIN people ub ON ub.id = c.updated_by
WHERE c.stage = 'inbox' ORDER BY c.stage_at, c.id;
