import { EMPTY_PAYLOAD_HASH, amzDate, authorizationHeader, encodeKeyPath } from './sigv4.js';

describe('SigV4 signing', () => {
  // The worked example of Amazon S3's documentation for header-based authentication (GET Object
  // with a Range header), with its published example credentials and expected signature.
  it('signs the documented GET Object example exactly', () => {
    const header = authorizationHeader(
      { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', region: 'us-east-1' },
      {
        method: 'GET',
        path: '/test.txt',
        headers: { Host: 'examplebucket.s3.amazonaws.com', Range: 'bytes=0-9', 'x-amz-content-sha256': EMPTY_PAYLOAD_HASH, 'x-amz-date': '20130524T000000Z' },
        payloadHash: EMPTY_PAYLOAD_HASH,
      },
    );
    expect(header).toBe('AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41');
  });

  it('formats the signing time and encodes keys segment by segment', () => {
    expect(amzDate(new Date('2013-05-24T00:00:00.123Z'))).toBe('20130524T000000Z');
    expect(encodeKeyPath('docs/ab/图纸 (1).pdf')).toBe('docs/ab/%E5%9B%BE%E7%BA%B8%20%281%29.pdf');
  });

  it('refuses to sign without a valid x-amz-date', () => {
    expect(() => authorizationHeader({ accessKeyId: 'a', secretAccessKey: 'b', region: 'r' }, { method: 'GET', path: '/', headers: { host: 'h' }, payloadHash: EMPTY_PAYLOAD_HASH })).toThrow(/x-amz-date/);
  });
});
