/**
 * Rows one module's statement hands to another module's part of it: a
 * relation of that statement (`from`, e.g. `fresh f CROSS JOIN ev`) and, for
 * each field the part needs, the expression that holds it. The module that
 * owns the table writes its SQL from this, so a change to its columns is made,
 * and tested, there; callers name fields, never that module's columns.
 */
export interface StatementRows<Field extends string> {
  from: string;
  fields: Record<Field, string>;
}
