import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ClarificationQuestions1796407363559 implements MigrationInterface {
  name = 'ClarificationQuestions1796407363559';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."answer_visibility" AS ENUM('PRIVATE', 'PUBLISHED')`);
    await queryRunner.query(`CREATE TABLE "clarification_questions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "requirement_id" uuid NOT NULL, "supplier_id" uuid NOT NULL, "asked_by" uuid NOT NULL, "question" text NOT NULL, "answer" text, "visibility" "public"."answer_visibility", "answered_by" uuid, "answered_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "clarification_questions_answer_check" CHECK ((answer IS NULL) = (visibility IS NULL) AND (answer IS NULL) = (answered_at IS NULL)), CONSTRAINT "PK_d2809e489f4f6657c1cc3cd5d8b" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "clarification_questions_supplier_idx" ON "clarification_questions"  ("supplier_id", "created_at") `);
    await queryRunner.query(`CREATE INDEX "clarification_questions_requirement_idx" ON "clarification_questions"  ("requirement_id", "created_at") `);
    await queryRunner.query(`ALTER TABLE "clarification_questions" ADD CONSTRAINT "FK_a1cc5fed186ffbc636b4fd73606" FOREIGN KEY ("requirement_id") REFERENCES "requirements"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "clarification_questions" ADD CONSTRAINT "FK_ebed05de6ca84cb19055659448e" FOREIGN KEY ("supplier_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "clarification_questions" DROP CONSTRAINT "FK_ebed05de6ca84cb19055659448e"`);
    await queryRunner.query(`ALTER TABLE "clarification_questions" DROP CONSTRAINT "FK_a1cc5fed186ffbc636b4fd73606"`);
    await queryRunner.query(`DROP INDEX "public"."clarification_questions_requirement_idx"`);
    await queryRunner.query(`DROP INDEX "public"."clarification_questions_supplier_idx"`);
    await queryRunner.query(`DROP TABLE "clarification_questions"`);
    await queryRunner.query(`DROP TYPE "public"."answer_visibility"`);
  }
}
