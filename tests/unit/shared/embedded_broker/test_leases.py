"""A message stays stored until its consumer acks it; a consumer that dies without acking
loses nothing: its lease runs out and the message is delivered again."""

from tests.unit.shared.embedded_broker.conftest import LEASE, QUEUE, message


def test_a_claimed_message_is_not_given_to_another_consumer_while_its_lease_runs(store, clock):
    store.publish(message())
    [claimed] = store.claim(QUEUE, 10)

    clock.advance(LEASE - 1)

    assert store.claim(QUEUE, 10) == []
    assert store.size(QUEUE) == 1  # taken, but still stored


def test_a_message_whose_consumer_died_is_delivered_again_when_the_lease_runs_out(store, clock):
    store.publish(message(b'{"id": "e-1"}'))
    [first] = store.claim(QUEUE, 10)  # ... and the consumer is killed before it acks

    clock.advance(LEASE)
    [again] = store.claim(QUEUE, 10)

    assert (again.id, again.body, again.deliveries) == (first.id, first.body, 2)
    assert again.lease != first.lease


def test_an_ack_deletes_the_message(store, clock):
    store.publish(message())
    [claimed] = store.claim(QUEUE, 10)

    assert store.ack(claimed.id, claimed.lease)

    clock.advance(LEASE)
    assert store.claim(QUEUE, 10) == []
    assert store.size(QUEUE) == 0


def test_a_late_ack_from_a_consumer_whose_lease_ran_out_leaves_the_message_to_its_new_holder(
        store, clock):
    store.publish(message())
    [slow] = store.claim(QUEUE, 10)
    clock.advance(LEASE)
    [fresh] = store.claim(QUEUE, 10)

    assert not store.ack(slow.id, slow.lease)

    assert store.size(QUEUE) == 1
    assert store.ack(fresh.id, fresh.lease)


def test_a_released_message_is_delivered_again_at_once(store):
    store.publish(message())
    [claimed] = store.claim(QUEUE, 10)

    store.release(claimed.id, claimed.lease)

    assert [again.id for again in store.claim(QUEUE, 10)] == [claimed.id]


def test_a_claim_takes_the_oldest_visible_messages_up_to_its_limit(store):
    for number in range(5):
        store.publish(message(f'{{"n": {number}}}'.encode()))

    first, second = store.claim(QUEUE, 3), store.claim(QUEUE, 3)

    assert [c.body for c in first] == [b'{"n": 0}', b'{"n": 1}', b'{"n": 2}']
    assert [c.body for c in second] == [b'{"n": 3}', b'{"n": 4}']


def test_competing_consumers_in_two_processes_never_hold_the_same_message(store, open_store):
    other_process = open_store()
    for number in range(20):
        store.publish(message(f'{{"n": {number}}}'.encode()))

    mine, theirs = store.claim(QUEUE, 15), other_process.claim(QUEUE, 15)

    assert len(mine) + len(theirs) == 20
    assert not {c.id for c in mine} & {c.id for c in theirs}
