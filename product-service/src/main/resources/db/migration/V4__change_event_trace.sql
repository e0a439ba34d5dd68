-- The W3C traceparent of the request that made the change (null when it was not traced), so that a
-- consumer applying the event can link its work to that request's trace.
alter table change_event add column trace_parent varchar(55);
