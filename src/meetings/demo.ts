export async function seedMeetingsDemo(): Promise<void> {}
