import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';
import { PageTitle } from './page-title';

export function NotFoundPage() {
  return (
    <>
      <PageTitle>Page not found</PageTitle>
      <Text>
        There is no such page in the console.{' '}
        <Anchor component={Link} to="/">
          Go to the overview
        </Anchor>
        .
      </Text>
    </>
  );
}
