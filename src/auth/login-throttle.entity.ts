import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Failed sign-ins per e-mail (known or not, so a lockout says nothing about whether an
 * account exists), kept in the database so every replica sees the same count.
 */
@Entity('login_throttles')
export class LoginThrottle {
  @PrimaryColumn('text')
  email: string;

  @Column('int', { default: 0 })
  failures: number;

  @Column('timestamptz', { nullable: true })
  lockedUntil: Date | null;

  @Column('timestamptz', { default: () => 'now()' })
  lastFailureAt: Date;
}
