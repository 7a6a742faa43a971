import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditChain1795552720235 implements MigrationInterface {
  name = 'AuditChain1795552720235';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_events" ADD "prev_id" bigint`);
    await queryRunner.query(`ALTER TABLE "audit_events" ADD "hash" text`);
    await queryRunner.query(`CREATE UNIQUE INDEX "audit_events_prev_key" ON "audit_events"  ("prev_id") `);
    // The content that a row's hash covers: every column but the chain's own, NULLs spelt out.
    await queryRunner.query(`CREATE FUNCTION audit_event_content(e audit_events) RETURNS text LANGUAGE sql IMMUTABLE AS $$
      SELECT concat_ws('|', e.id, coalesce(e.actor_user_id::text, '-'), coalesce(e.actor_organization_id::text, '-'), e.action,
        e.entity_type, e.entity_id, coalesce(e.before::text, '-'), coalesce(e.after::text, '-'),
        to_char(e.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'))
    $$`);
    // The end of the chain, one row, locked by each insert: inserts are chained one at a time.
    await queryRunner.query(`CREATE TABLE audit_chain_head (id int PRIMARY KEY CHECK (id = 1), last_id bigint, last_hash text NOT NULL)`);
    await queryRunner.query(`INSERT INTO audit_chain_head VALUES (1, NULL, '')`);
    await queryRunner.query(`CREATE FUNCTION audit_events_chain() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE head audit_chain_head%ROWTYPE;
      BEGIN
        SELECT * INTO head FROM audit_chain_head WHERE id = 1 FOR UPDATE;
        NEW.prev_id := head.last_id;
        NEW.hash := encode(digest(head.last_hash || '|' || audit_event_content(NEW), 'sha256'), 'hex');
        UPDATE audit_chain_head SET last_id = NEW.id, last_hash = NEW.hash WHERE id = 1;
        RETURN NEW;
      END $$`);
    // Rows written before this migration are chained in id order.
    await queryRunner.query(`DO $$
      DECLARE r audit_events%ROWTYPE; head audit_chain_head%ROWTYPE; h text;
      BEGIN
        FOR r IN SELECT * FROM audit_events ORDER BY id LOOP
          SELECT * INTO head FROM audit_chain_head WHERE id = 1;
          h := encode(digest(head.last_hash || '|' || audit_event_content(r), 'sha256'), 'hex');
          UPDATE audit_events SET prev_id = head.last_id, hash = h WHERE id = r.id;
          UPDATE audit_chain_head SET last_id = r.id, last_hash = h WHERE id = 1;
        END LOOP;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER audit_events_chain BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_chain()`);
    await queryRunner.query(`CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP; END $$`);
    await queryRunner.query(`CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`);
    await queryRunner.query(`CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER audit_events_no_truncate ON audit_events`);
    await queryRunner.query(`DROP TRIGGER audit_events_no_change ON audit_events`);
    await queryRunner.query(`DROP TRIGGER audit_events_chain ON audit_events`);
    await queryRunner.query(`DROP FUNCTION audit_events_append_only()`);
    await queryRunner.query(`DROP FUNCTION audit_events_chain()`);
    await queryRunner.query(`DROP TABLE audit_chain_head`);
    await queryRunner.query(`DROP FUNCTION audit_event_content(audit_events)`);
    await queryRunner.query(`DROP INDEX "public"."audit_events_prev_key"`);
    await queryRunner.query(`ALTER TABLE "audit_events" DROP COLUMN "hash"`);
    await queryRunner.query(`ALTER TABLE "audit_events" DROP COLUMN "prev_id"`);
  }
}
