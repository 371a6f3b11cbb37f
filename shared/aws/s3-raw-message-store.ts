import { DeleteObjectCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';

/** Raw inbound emails as SES receiving stored them in the encrypted inbound bucket. */
export class S3RawMessageStore {
  constructor(
    private readonly s3: S3Client = new S3Client({ forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3) }),
  ) {}

  async get(bucket: string, key: string): Promise<Buffer> {
    const { Body } = await this.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return Buffer.from(await Body!.transformToByteArray());
  }

  /** A refused message is not kept: it may hold personal data nobody will act on. */
  async delete(bucket: string, key: string): Promise<void> {
    await this.s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
  }
}
