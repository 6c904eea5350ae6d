import { describe, expect, it } from 'vitest';
import { testSecret } from '../../test/secrets';
import { parseEnv } from '../config/env-schema';
import { INSTANCE_HEADER, instanceHeader } from './instance-header';

const secrets = { SESSION_SECRETS: `1:${testSecret('instance')}` };

describe('the instance-naming header', () => {
  it('is absent by default: no CLUSTER_INSTANCE, no header', () => {
    const env = parseEnv(secrets);
    expect(env.CLUSTER_INSTANCE).toBeUndefined();
    expect(instanceHeader(env.CLUSTER_INSTANCE)).toBeNull();
  });

  it('names the instance in cluster mode', () => {
    const env = parseEnv({ ...secrets, CLUSTER_INSTANCE: 'app-2' });
    expect(instanceHeader(env.CLUSTER_INSTANCE)).toEqual([INSTANCE_HEADER, 'app-2']);
  });

  it.each(['App-1', 'a b', 'x'.repeat(33), 'app\r\nset-cookie: x=1'])('refuses CLUSTER_INSTANCE=%j at boot', (value) => {
    expect(() => parseEnv({ ...secrets, CLUSTER_INSTANCE: value })).toThrow(/CLUSTER_INSTANCE/);
  });
});
