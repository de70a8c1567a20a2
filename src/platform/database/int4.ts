/**
 * Largest value of a Postgres `integer` column. An integer input stored in one
 * states this bound (or a tighter one) in its schema: beyond it Postgres
 * refuses the statement, which would otherwise surface as a 500.
 */
export const INT4_MAX = 2_147_483_647;
