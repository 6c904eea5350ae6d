// A driver adapter factory whose every connection is prepared by `prepare`
// before Prisma uses it (the SQLite statement cache, transaction isolation).
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';

export function onEachConnection(factory: SqlMigrationAwareDriverAdapterFactory, prepare: (adapter: SqlDriverAdapter) => void): SqlMigrationAwareDriverAdapterFactory {
  const prepared = async (connect: () => Promise<SqlDriverAdapter>) => {
    const adapter = await connect();
    prepare(adapter);
    return adapter;
  };
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: () => prepared(() => factory.connect()),
    connectToShadowDb: () => prepared(() => factory.connectToShadowDb()),
  };
}
