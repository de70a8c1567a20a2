import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Person } from '../people/person.entity';
import { Session } from './session.entity';

export type ChairRole = 'chair' | 'moderator';

@Entity('session_chairs')
@Check('session_chairs_role_check', `role IN ('chair', 'moderator')`)
@Index('session_chairs_person_id_idx', ['personId'])
export class SessionChair {
  @PrimaryColumn({ type: 'uuid' })
  sessionId: string;

  @ManyToOne(() => Session, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'session_chairs_session_id_fkey' })
  session?: Session;

  @PrimaryColumn({ type: 'uuid' })
  personId: string;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'session_chairs_person_id_fkey' })
  person?: Person;

  @Column({ type: 'text', default: 'chair' })
  role: ChairRole;

  @Column({ type: 'int', default: 0 })
  position: number;
}
