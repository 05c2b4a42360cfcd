import { SnakeNamingStrategy } from './snake-naming.strategy';

describe('SnakeNamingStrategy', () => {
  const s = new SnakeNamingStrategy();
  it('maps camelCase properties to snake_case columns', () => {
    expect(s.columnName('lastSeq', undefined, [])).toBe('last_seq');
    expect(s.columnName('clientMsgId', undefined, [])).toBe('client_msg_id');
    expect(s.columnName('pageURL', undefined, [])).toBe('page_url');
  });
  it('keeps explicit names', () => {
    expect(s.columnName('x', 'custom_name', [])).toBe('custom_name');
  });
});
