import type { DbClient } from '@promptnx/db';
import type { TransactionSql } from 'postgres';

/** The pool: for work that opens its own transactions. */
export type PoolSql = DbClient['sql'];
/** A pool or a transaction: postgres.js runs tagged queries on either. */
export type Sql = PoolSql | TransactionSql;
