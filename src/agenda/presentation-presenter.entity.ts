import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Person } from '../people/person.entity';
import { Presentation } from './presentation.entity';

export type PresenterRole = 'lead' | 'co';

@Entity('presentation_presenters')
@Check('presentation_presenters_role_check', `role IN ('lead', 'co')`)
@Index('presentation_presenters_person_id_idx', ['personId'])
export class PresentationPresenter {
  @PrimaryColumn({ type: 'uuid' })
  presentationId: string;

  @ManyToOne(() => Presentation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'presentation_id', foreignKeyConstraintName: 'presentation_presenters_presentation_id_fkey' })
  presentation?: Presentation;

  @PrimaryColumn({ type: 'uuid' })
  personId: string;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'presentation_presenters_person_id_fkey' })
  person?: Person;

  @Column({ type: 'text' })
  role: PresenterRole;

  @Column({ type: 'int', default: 0 })
  position: number;
}
