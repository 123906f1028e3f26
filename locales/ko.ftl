# kplan의 한국어 메시지. en.ftl과 같은 id, 같은 변수를 씁니다(테스트가 확인).
# 숫자 인자는 이미 형식이 갖춰져 들어옵니다(3,600,000, 1.5 MiB). Kafka 속성 이름과 값,
# 전달 보장 이름(at-least-once 등), 상태 값(ok, over-cap, infeasible)은 영어 그대로 둡니다.
#
# 용어집 (한 개념에 한 용어):
#   partition 파티션 / consumer 컨슈머 / producer 프로듀서 / topic 토픽 / broker 브로커
#   consumer group 컨슈머 그룹 / offset 오프셋 / commit 커밋 / rebalance 리밸런싱
#   throughput 처리량 / delay 지연 (발행부터 처리 완료까지) / latency 처리 시간 (메시지 하나)
#   batch 배치 / online 온라인 / idempotence 멱등성 / ordering 순서 보장
#   key 키 / keyed topic 키 지정 토픽 / hot key 핫 키 / skew 쏠림 / record 레코드
#   retry 재시도 / dead letter topic 데드 레터 토픽 / transaction 트랜잭션 / leader 리더
#   cap 상한 / headroom headroom / utilisation 사용률 / objective 목표 / deadline 마감
#   drain (밀린 메시지를) 처리 완료 / partition increase 파티션 증설 / sample 샘플
#   fetch 페치 / poll 폴링 / heartbeat 하트비트 / thread 스레드 / profile 프로필
#   share group 공유 그룹 / member 멤버 / assignor 할당자 / fence 펜싱 / record lock 레코드 잠금
#   acknowledge 확인 (ACCEPT, RELEASE, REJECT, RENEW는 그대로) / archive 보관 처리 / delivery count 전달 횟수
#   histogram 히스토그램 / bucket 버킷 / bound 경계 / tail 꼬리 분포 / metric 메트릭
#   lag 랙 / produce rate 발행률 / consume rate 소비율 / backlogged (메시지가) 밀린

## 설정 이유: reason-<kind>

reason-acks-leader = at-most-once는 유실을 허용하므로 리더의 확인 응답만으로 충분합니다
reason-acks-all = { $delivery }: 모든 ISR(in-sync replica)이 받아야 쓰기가 완료된 것으로 봅니다
reason-idempotence-on = 재시도해도 파티션 안에서 레코드가 중복되거나 순서가 바뀌지 않습니다
reason-idempotence-off = at-most-once는 안전을 위한 재시도를 하지 않습니다. 멱등성을 켜려면 acks=all이 필요합니다
reason-in-flight-idempotent = 멱등성 프로듀서가 파티션별 순서를 지키면서 허용하는 최댓값입니다
reason-in-flight-keyed-not-idempotent = 멱등성 없는 키 지정 토픽: 재시도한 배치가 다음 배치를 앞지르면 안 됩니다
reason-in-flight-unkeyed = 키 없음: 순서가 중요하지 않으므로 여러 요청을 동시에 보낼 수 있습니다
reason-linger-within-objective = 온라인: 배치 대기는 최대 { $linger_ms } ms, 지연 목표 { $objective_ms } ms의 { $share_percent }% 이내입니다
reason-linger-online = 온라인: 배치 대기를 최대 { $linger_ms } ms로 두어 지연을 낮게 유지합니다
reason-linger-batch = 배치: 최대 { $linger_ms } ms까지 기다려 더 큰 배치를 채웁니다. 지연보다 처리량이 중요합니다
reason-batch-fill = 파티션당 { $partition_rate }/s x linger { $linger_ms } ms = 배치당 약 { $fill }; { $min }..{ $max } 범위로 제한합니다
reason-compression = { $codec }: { $codec ->
        [lz4] CPU 부담이 적고 지연을 거의 늘리지 않습니다
        [zstd] 압축률이 가장 높고, 배치가 충분히 커서 효과가 있습니다(브로커 2.1 이상)
        [snappy] 빠르고 널리 지원됩니다
        [gzip] 압축률이 높지만 CPU 비용이 큽니다
       *[other] 프로필에 설정된 값입니다
    }. 토픽 유입량은 { $topic_rate }/s입니다
reason-buffer-memory = 리더가 바뀌는 동안 계획된 { $topic_rate }/s를 { $seconds }초 동안 담고, 파티션 { $partitions }개마다 배치 2개를 담습니다; { $above_bound ->
        [yes] 가장 큰 요청({ $request_bytes } B)이 버퍼에 들어가야 하므로 프로필 상한 { $max_bytes } B보다 큽니다
       *[no] { $min }..{ $max } 범위 이내입니다
    }
reason-request-size-for-largest = 가장 큰 메시지({ $largest })가 레코드 헤더와 함께 들어갑니다
reason-request-size-default-fits-largest = 가장 큰 메시지({ $largest })와 가득 찬 배치가 기본값 1 MiB에 들어갑니다
reason-request-size-default = 가득 찬 배치가 기본값 1 MiB에 들어갑니다. 가장 큰 메시지를 확인하려면 max_message_bytes를 지정하세요
reason-delivery-timeout = 전송을 최대 { $seconds }초 동안 재시도하여 리더 선출을 견딥니다. 최소 linger.ms + request.timeout.ms({ $floor_ms } ms)
reason-transactional-id-prefix = exactly-once: 접두사입니다. 프로듀서 인스턴스마다 고정 id(예: 파드 순번)를 붙여야 재시작한 인스턴스가 이전 인스턴스를 펜싱합니다
reason-transaction-timeout = exactly-once: 트랜잭션은 delivery.timeout.ms({ $delivery_timeout_ms } ms) 동안 전송이 재시도될 수 있는 만큼 열려 있어야 하며, librdkafka는 더 짧은 값을 거부합니다{ $above_broker_max ->
        [yes] . 브로커 기본 transaction.max.timeout.ms({ $broker_max_ms } ms)보다 크므로 이 값을 올리지 않으면 프로듀서가 시작되지 않습니다
       *[no] {""}
    }
reason-poll-interval = 폴링을 멈춘 컨슈머는 { $seconds }초 뒤 교체됩니다
reason-poll-interval-raised = { $profile_ms } ms에서 올렸습니다: p99 처리 시간({ $p99_ms } ms)의 레코드 하나가 이 값의 절반 안에 끝나야 합니다
reason-poll-records = 레코드 { $records }개 x p99 { $p99_ms } ms = { $seconds }초, max.poll.interval.ms의 절반({ $budget_seconds }초) 이내입니다{ $capped ->
        [yes] . 프로필 상한 { $cap }개로 제한했습니다
       *[no] {""}
    }
reason-auto-commit-on-timer = at-most-once: 오프셋을 타이머로 커밋하므로 처리가 끝나기 전에 커밋될 수 있습니다
reason-commit-after-processing = { $delivery }: 처리가 성공한 뒤에만 오프셋을 커밋합니다
reason-offset-reset-latest = at-most-once: 새 그룹은 가장 최근 레코드부터 읽습니다
reason-offset-reset-earliest = { $delivery }: 새 그룹이 이미 발행된 레코드를 건너뛰면 안 됩니다
reason-fetch-any-data = 온라인: 데이터가 조금이라도 있으면 페치가 바로 반환됩니다
reason-fetch-min-bytes = fetch.max.wait.ms({ $wait_ms } ms) 동안 파티션에 약 { $bytes_per_wait }가 도착합니다. 최대 { $bound }
reason-fetch-max-wait = 페치는 fetch.min.bytes만큼 쌓일 때까지 최대 { $wait_ms } ms 기다립니다
reason-cooperative-assignor = 점진적 리밸런싱: 다른 컨슈머가 들어오거나 나가도 기존 컨슈머는 파티션을 유지합니다
reason-as-profile-sets = 프로필에 설정된 값입니다
reason-read-committed = exactly-once: 중단된 트랜잭션의 레코드는 건너뜁니다
reason-read-uncommitted = { $delivery }: 기다릴 트랜잭션이 없습니다
reason-session-timeout = { $type ->
        [online] 온라인
       *[batch] 배치
    }: { $seconds }초 동안 응답이 없는 컨슈머는 죽은 것으로 보고 파티션을 옮깁니다
reason-heartbeat-third-of-session = session.timeout.ms의 3분의 1이므로 하트비트를 두 번 놓쳐도 리밸런싱이 일어나지 않습니다
reason-consumer-protocol = KIP-848(Kafka 4.0 이상): 브로커가 파티션을 할당하고, 그룹을 멈추지 않고 점진적으로 리밸런싱합니다. 세션과 하트비트 타임아웃은 브로커의 그룹 설정이므로 클라이언트에서는 둘 다 설정하지 않습니다
reason-uniform-assignor = 브로커의 할당자: 파티션을 멤버에게 고르게 나누고, 옮겨야 하는 파티션만 회수합니다
reason-records-within-lock = 레코드 { $records }개 x p99 { $p99_ms } ms = { $seconds }초로 레코드 잠금 { $lock_seconds }초의 절반 이내이므로, 처리 중인 레코드가 다시 전달되지 않습니다{ $limited ->
        [shared] . 컨슈머 { $consumers_per_partition }개가 파티션 하나의 레코드 잠금 { $record_locks }개를 나눠 쓰도록 낮췄습니다
        [capped] . 프로필 상한 { $cap }개로 제한했습니다
       *[no] {""}
    }
reason-explicit-acknowledgement = { $delivery }: 레코드마다 처리가 끝난 뒤에만 확인(ACCEPT)합니다. RELEASE는 레코드를 다른 컨슈머에게 넘기고, REJECT는 보관 처리합니다
reason-implicit-acknowledgement = at-most-once: 다음 폴링이 이전 폴링의 레코드를 처리 여부와 관계없이 확인합니다

## 그룹별 설정(kafka-configs.sh --entity-type groups): 이것도 reason-<kind>

reason-consumer-session = { $moved ->
        [yes] 프로필의 세션 { $profile_seconds }초를 허용 범위 안으로 옮겼습니다:
       *[no] { $seconds }초 동안 응답이 없는 멤버는 펜싱되고 파티션이 옮겨집니다.
    } 브로커는 consumer 프로토콜 그룹에 { $broker_min_seconds }~{ $broker_max_seconds }초를 허용합니다
reason-consumer-heartbeat = 하트비트가 할당 변경을 전달합니다: 브로커가 허용하는 가장 짧은 간격인 { $seconds }초마다 보내므로 리밸런싱이 빨리 끝납니다
reason-record-lock = 컨슈머가 획득한 레코드의 잠금은 { $lock_seconds }초 동안 유지됩니다{ $case ->
        [renew] . 브로커가 허용하는 최댓값입니다. p99 레코드 하나가 { $poll_seconds }초로 그 절반을 넘으므로, 처리 중인 레코드는 RENEW로 확인해 잠금을 연장하세요. 그러지 않으면 다른 컨슈머에게 다시 전달됩니다
        [raised] . 폴링 한 번에 받은 레코드를 p99로 처리하는 { $poll_seconds }초가 그 절반 안에 들도록 기본값 { $default_seconds }초에서 올렸습니다(브로커 허용 최대 { $max_seconds }초)
       *[default] {" "}(기본값). 폴링 한 번에 받은 레코드를 p99로 처리해도 { $poll_seconds }초로 그 절반 이내입니다
    }
reason-delivery-count-limit = { $with_retries ->
        [yes] 재시도 { $retries }회와 첫 시도를 합쳐 { $limit }번 전달한 뒤에는 레코드를 보관 처리하거나 데드 레터 토픽으로 보냅니다
       *[no] 기본값: { $limit }번 전달해도 계속 실패하는 레코드는 보관 처리됩니다. 레코드를 남기려면 {"["}dead_letter{"]"}를 설정하세요
    }
reason-share-offset-reset = { $newest ->
        [yes] at-most-once: 새 공유 그룹은 가장 최근 레코드부터 읽습니다
       *[no] { $delivery }: 새 공유 그룹이 이미 발행된 레코드를 건너뛰면 안 됩니다
    }
reason-dead-letter-queue = KIP-1191(Kafka 4.4 이상): 전달 횟수 한도를 넘은 레코드는 { $topic } 토픽으로 갑니다. 공유 그룹의 데드 레터 토픽 이름은 dlq. 접두사로 시작합니다

## 경고: warning-<kind>

warning-infeasible = 불가능: { $reason }
warning-over-cap = 파티션 { $needed }개가 필요해 상한 { $cap }개를 넘습니다. { $recommended }개로 계획하며, 이때 컨슈머는 용량의 { $percent }%로 동작합니다. 상한 안에 맞추는 방법을 참고하세요
warning-key-skew-unresolved = 파티션을 { $searched_to }개까지 늘려도 키 샘플 분포상 가장 바쁜 파티션을 감당할 수 없습니다. 실제 필요량은 그보다 많습니다
warning-partitions-only-grow = 키 지정 토픽: 파티션은 늘릴 수만 있고, 늘리면 키가 다른 파티션으로 재배치되어 키별 순서 보장이 깨집니다. 리밸런싱 동안 소비도 멈춥니다. 지금 파티션 { $recommended }개로 생성하고, 나중에 파티션 증설이 필요하면 프로듀서와 컨슈머를 먼저 멈추세요
warning-key-skew-unchecked = key_sample_file이 없는 키 지정 토픽: 키 쏠림을 확인하지 않았습니다. 핫 키는 파티션 수와 관계없이 처리량을 제한합니다
warning-at-most-once = at-most-once: 프로듀서나 컨슈머 장애 시 메시지가 유실될 수 있습니다. 처리가 끝나기 전에 오프셋이 커밋됩니다
warning-few-latency-samples = 처리 시간 샘플이 { $samples }개뿐입니다: 평균({ $mean_ms } ms)이 최대 { $upper_ms } ms(95% 상한)일 수 있으니, 이 계획을 믿기 전에 더 측정하세요
warning-message-over-broker-default = 최대 { $largest }인 메시지는 브로커 기본 message.max.bytes(1 MiB)를 넘습니다. 토픽의 max.message.bytes를 { $largest_bytes } 이상으로 설정하세요
warning-latency-tail-unknown = 처리 시간 히스토그램 관측값의 { $percent }%가 마지막 버킷 경계({ $last_bound_ms } ms)를 넘어 얼마나 느렸는지 알 수 없습니다. 이 관측값은 { $placed }. 꼬리 분포를 측정하려면 더 큰 버킷을 추가하세요
tail-spread-to-sum = _sum에서 차지하는 몫에 따라 { $last_bound_ms } ms부터 { $high_ms } ms까지 고르게 퍼져 있다고 보았습니다
tail-at-last-bound = histogram_quantile처럼 마지막 경계인 { $last_bound_ms } ms로 보았습니다

## 어떤 파티션 수로도 안 되는 이유

infeasible-delay-below-latency = 지연 목표({ $objective_ms } ms)가 p99 처리 시간({ $p99_ms } ms)보다 낮아 어떤 파티션 수로도 맞출 수 없습니다. 처리 속도를 높이거나 max_delay_ms를 올리세요
infeasible-delay-beyond-model = 지연 목표({ $objective_ms } ms)를 맞추려면 파티션이 { $partitions }개보다 많이 필요합니다. max_delay_ms를 올리거나 처리 속도를 높이세요
infeasible-deadline-beyond-model = 어떤 파티션 수로도 모든 파티션을 { $target_minutes }분 안에 { $percent }% 신뢰도로 처리 완료할 수 없습니다. 파티션 하나의 몫을 처리하는 데도 목표보다 오래 걸립니다. target_minutes를 올리거나 처리 속도를 높이세요
infeasible-hot-key = 키 "{ $key }" 하나가 메시지의 { $percent }%({ $key_tps } msg/s)를 차지해 파티션 하나의 소비량({ $partition_tps } msg/s)을 넘으므로 파티션을 늘려도 소용없습니다. 더 잘게 나눈 키를 쓰거나, 이 키에 솔트를 붙이거나, 별도 토픽으로 분리하세요

## 가이드

guidance-delivery = { $delivery ->
        [at-least-once] at-least-once: 처리가 성공한 뒤 오프셋을 수동으로 커밋하세요(commitSync() / acknowledge()). 중복 메시지가 들어오므로 처리를 멱등하게 만드세요: 이미 반영된 이벤트 id의 메시지는 건너뛰고, 메시지에 담긴 발행 타임스탬프로 갱신 순서를 정하세요
        [exactly-once] exactly-once: 트랜잭션으로 발행하고(initTransactions, sendOffsetsToTransaction, commitTransaction) isolation.level=read_committed로 소비하세요. Kafka 밖의 부수 효과는 여전히 멱등해야 합니다
       *[at-most-once] at-most-once: 오프셋이 자동 커밋됩니다. 장애 시 메시지 유실이 허용되는 곳에서만 쓰세요
    }
guidance-no-latency-samples = 처리 시간 샘플 없음: 처리 시간을 지수 분포(E[S^2] = 2 mean^2)로 가정했습니다. 측정한 샘플이 있으면 더 정확한 계획이 나옵니다
guidance-threads-per-partition = 파티션당 스레드 { $threads }개는 파티션의 메시지를 순서와 관계없이 처리합니다. 이 토픽은 순서 보장 요구가 없으므로 허용됩니다
guidance-no-delay-objective = max_delay_ms 없음: 사용률 상한({ $max_utilization })만으로 산정했습니다. 지연 기준으로 산정하려면 지연 목표를 지정하세요
guidance-batch-near-full = 컨슈머가 용량의 { $percent }%로 계획되었습니다: 배치는 가장 느린 파티션이 끝나야 끝나므로 목표 시간을 넘길 수 있습니다. `kplan simulate`로 분포를 확인하고, headroom을 1보다 크게 잡으면 여유가 생깁니다
guidance-producer-bound = 프로듀서의 바이트 유입량이 파티션 수를 결정합니다: 파티션당 { $partition_rate }/s로 { $partitions }개
guidance-dead-letter = { $backoff_ms } ms 간격으로 { $retries }회 재시도한 뒤 실패한 레코드를 원래 키로 { $topic }에 발행하고, 오류와 원본 파티션, 오프셋을 헤더에 담으세요

## 클라이언트: 이름, 설정 이유, 참고 사항

client-title = { $client ->
        [java] Java 클라이언트
        [librdkafka] librdkafka
       *[spring] Spring Boot
    }
client-reason-alias = { $reason }; librdkafka에서 { $native }의 별칭입니다
client-reason-renamed = librdkafka에서 { $java_key }에 해당하는 이름: { $reason }
client-reason-assignor-name = librdkafka에서 { $class }에 해당하는 이름: { $reason }
client-reason-message-max-bytes = librdkafka의 produce 요청 크기 제한(Java의 max.request.size): { $reason }
client-reason-queue-kbytes = Java buffer.memory({ $buffer_bytes } B)를 librdkafka가 프로듀서 큐 크기에 쓰는 단위인 KiB로 바꾼 값: { $reason }
client-reason-queue-messages = 프로듀서 큐는 이 메시지 수에서도 멈춥니다: { $kbytes } KiB에는 { $message_bytes } B 메시지가 약 { $messages }개 들어가므로 바이트 제한이 먼저 적용됩니다
client-reason-batch-messages = librdkafka는 이 메시지 수에서도 배치를 끝냅니다: batch.size에는 { $message_bytes } B 메시지가 약 { $messages }개 들어가므로 바이트 제한이 먼저 적용됩니다
client-reason-murmur2-partitioner = 키 지정 토픽: Java 클라이언트와 이 계획처럼 키의 murmur2로 파티션을 정합니다. librdkafka 기본값(consistent_random, CRC32)은 키를 다른 파티션으로 보냅니다
client-reason-offset-store-on-hand-over = at-most-once: 메시지를 넘겨줄 때 오프셋을 저장하고 타이머로 커밋하므로 처리가 끝나기 전에 커밋될 수 있습니다
client-reason-offset-store-after-processing = { $delivery }: 메시지 처리가 끝난 뒤에만 오프셋을 저장하고(rd_kafka_offsets_store(), store_offsets()) 저장된 오프셋을 커밋하세요. 그러지 않으면 librdkafka는 처리 전, 넘겨줄 때 저장합니다
client-reason-listener-concurrency = 파티션당 컨슈머 하나: 그룹 전체에 컨슈머 { $consumers }개. 애플리케이션 인스턴스가 K개면 인스턴스마다 { $consumers } / K
client-reason-listener-ack-mode-batch = { $delivery }: 컨테이너는 리스너가 poll의 레코드를 모두 처리한 뒤에만 그 오프셋을 커밋합니다{ $delivery ->
        [exactly-once] (transaction-id-prefix가 시작한 트랜잭션 안에서)
       *[other] {""}
    }
client-note-unmapped = { $client }에는 Java 설정 { $key }={ $value }에 대응하는 설정이 알려져 있지 않습니다. 같은 효과를 내는 설정을 직접 지정하세요
client-note-message-max-bytes-capped = librdkafka의 message.max.bytes 상한({ $cap_bytes })이 가장 큰 메시지에 필요한 { $needed_bytes } B보다 작습니다: 이런 메시지는 librdkafka로 발행할 수 없습니다
client-note-batch-bound = librdkafka에는 max.poll.records가 없습니다: rd_kafka_consumer_poll()은 메시지를 한 번에 하나씩 넘깁니다. 배치로 처리하려면 한 번에 최대 { $records }개씩 가져오세요(C: rd_kafka_consume_batch_queue()에 크기 { $records }; Python: Consumer.consume(num_messages={ $records })). 그래야 p99 처리 시간(개당 { $p99_ms } ms)의 배치가 max.poll.interval.ms의 절반({ $interval_ms } ms) 안에 끝납니다
client-note-librdkafka-dead-letter = librdkafka에는 자체 데드 레터 처리가 없습니다: { $backoff_ms } ms 간격으로 { $retries }회 재시도한 뒤 실패한 메시지를 원래 키, 같은 파티션 번호로 { $topic }에 발행하고(파티션 수가 같습니다), 오프셋을 저장한 뒤 다음으로 넘어가세요
client-note-spring-threads-per-partition = 이 계획은 파티션당 스레드 { $threads }개로 처리하지만, Spring 리스너의 concurrency는 컨슈머 수(컨슈머당 스레드 하나)입니다: 각 컨슈머의 레코드를 스레드 { $threads }개짜리 풀에 넘기세요. 이러면 파티션 안의 순서가 보장되지 않습니다(키 없는 이 토픽은 허용)
client-note-librdkafka-share-consumer = 공유 그룹에는 librdkafka의 클래식 컨슈머가 아니라 공유 컨슈머가 필요합니다(librdkafka 2.15 이상, 프리뷰. Python에서는 confluent-kafka의 ShareConsumer)
client-note-spring-share-container = 공유 컨슈머는 ShareKafkaListenerContainerFactory(Spring for Apache Kafka 4.1 이상)에서 실행되며, Spring Boot는 이를 spring.kafka.listener로 설정하지 않습니다. 아래 빈을 concurrency { $consumers }(계획의 컨슈머 수)로 선언하고 리스너가 이 팩토리를 쓰게 하세요. 리스너에서 예외가 나면 레코드는 거부(REJECT)되고, 브로커가 share.delivery.count.limit까지 다시 전달합니다
client-note-spring-dead-letter = 데드 레터: 아래 DefaultErrorHandler 빈을 선언하세요. Spring Boot가 CommonErrorHandler 빈을 리스너 컨테이너 팩토리에 넘기고, DeadLetterPublishingRecoverer가 실패한 레코드의 파티션으로 { $topic }에 발행합니다

## 계획 보고서: 제목, 라벨, 값

plan-headline = kplan plan: { $topic } ({ $type }) - 상태: { $status }
for-client = { $what } ({ $client })
section-plan = 계획
section-inputs = 입력
section-latency = 처리 시간 (ms)
section-needs = 파티션 필요량
section-fits-under-cap = 상한 { $cap }개 안에 맞추려면
section-key-spread = 파티션 { $partitions }개의 키 분포
section-producer-settings = 프로듀서 설정
section-consumer-settings = 컨슈머 설정
section-listener-settings = 리스너 설정
section-client-notes = { $client } 참고 사항
section-dead-letter = 데드 레터 토픽
section-group = 그룹: { $protocol } ({ $origin }, Kafka { $kafka_version } 이상)
group-origin = { $protocol ->
        [classic] 기존 컨슈머 그룹
        [consumer] 컨슈머 리밸런스 프로토콜, KIP-848
       *[share] 공유 그룹, KIP-932
    }
section-group-config-command = 그룹 설정 적용 (애플리케이션의 그룹 id에 한 번)
section-warnings = 경고
section-guidance = 가이드
header-item = 항목
header-value = 값
header-input = 입력
header-statistic = 통계
header-constraint = 기준
header-partitions = 파티션
header-change-one-of = 다음 중 하나를 변경
header-to = 변경 값
header-measure = 지표
header-setting = 설정
header-reason = 이유
header-group-config = 그룹 설정
row-status = 상태
status-ok = ok: 계획이 유효합니다
status-over-cap = over-cap: { $needed }개 필요, 상한 { $cap }개
status-infeasible = infeasible: 요청을 만족하는 파티션 수가 없습니다
row-required-tps = 필요 TPS
row-planned-tps = 계획 TPS
value-planned-tps = { $tps } (headroom x{ $headroom })
row-per-partition-tps = 파티션당 TPS
value-per-partition-tps = { $tps } (스레드 { $threads }개, 평균 { $mean })
row-partitions = 파티션
value-partitions = { $recommended }개 권장 ({ $needed }개 필요, 상한 { $cap }개)
row-consumers = 컨슈머
value-consumers = { $consumers }개 { $share ->
        [yes] (공유 그룹: 파티션 하나를 여러 컨슈머가 나눠 받음)
       *[no] (파티션당 하나)
    }
row-utilisation = 사용률
value-utilisation = 컨슈머 용량의 { $percent }% (상한 { $ceiling }%)
row-predicted-delay = 예상 p99 지연
value-delay-with-objective = { $delay } (목표 { $objective })
value-delay-unbounded = 무한대: 컨슈머가 따라잡지 못합니다
row-delay-method = 지연 계산 방법
row-predicted-drain = 예상 처리 완료 시간
value-predicted-drain = p50 { $p50 }분, p95 { $p95 }분 (목표 { $target }분)
row-drain-method = 처리 완료 시간 계산 방법
value-drain-method = 가장 느린 파티션의 처리 시간 합(정규 근사, 왜도 보정). 실행의 { $percent }%가 { $minutes }분 안에 끝납니다
method-mg1 = M/G/1, { $low }에서 { $high } 사이로 정확 (Pollaczek-Khinchine, 수치 계산)
method-mgc = M/G/c: 파티션 큐 시뮬레이션, 메시지 { $messages }개, 시드 { $seed }
shape-empirical = 측정 샘플 { $samples }개, 각각 같은 확률
shape-exponential = 평균 { $mean }인 지수 분포 (p99 없음)
shape-fixed = 모든 메시지가 { $mean } 걸림
shape-lognormal = 평균 { $mean }, p99 { $p99 }인 로그정규 분포 (sigma { $sigma })
shape-mixture = 2성분 혼합: { $fast_percent }%는 평균 { $fast_mean }인 지수 분포, { $slow_percent }%는 { $slow } 소요 (p99 / 평균이 로그정규 분포로 나타낼 수 있는 범위를 넘음)
shape-histogram = 버킷 { $buckets }개짜리 히스토그램, 버킷 안에서는 균등 분포 ({ $mean }){ $tail }
shape-histogram-mean-exact = 평균은 _sum / _count
shape-histogram-mean-from-buckets = _sum 없음: 평균은 버킷으로 계산
shape-histogram-tail = ; 마지막 경계 { $last_bound }를 넘는 { $percent }%는 최대 { $high }까지로 봄
value-minutes = { $minutes }분
row-topic = 토픽
row-type = 유형
row-delivery = 전달 보장
row-partition-key = 파티션 키
row-max-messages = 최대 메시지 수
row-target = 목표 시간
row-message-size = 메시지 크기
row-largest-message = 최대 메시지 크기
row-concurrency = 동시성
value-concurrency = 파티션당 스레드 { $threads }개
row-delay-objective = 지연 목표
row-latency-source = 처리 시간 출처
value-latency-summary = 요약값 (mean, p99)
value-latency-samples = 샘플: { $file }
value-latency-histogram = Prometheus 메트릭: { $file }
row-latency-shape = 처리 시간 분포
row-key-sample = 키 샘플
row-partition-write-rate = 파티션 쓰기 처리량
need-consumers = 컨슈머 처리량
need-producer = 프로듀서 바이트
need-delay = 지연 목표
need-deadline = 배치 마감
need-key-skew = 키 쏠림
fit-producers-need = - (프로듀서 바이트 유입량만으로도 파티션 { $partitions }개 필요)
fit-threads = 파티션당 스레드 { $threads }개
fit-keyed = - (키 지정 토픽: 스레드를 늘리면 키 순서가 깨짐)
fit-no-thread-count = - (지연 목표를 맞추는 스레드 수 없음)
fit-latency-at-most = 최대 { $latency }
fit-target-at-least = 최소 { $minutes }분
fit-row-concurrency = 동시성
fit-row-mean-latency = 평균 처리 시간
fit-row-target = 목표 시간
fit-row-group = 그룹 방식
fit-share-group = group = "share" (Kafka 4.2 이상): 파티션 { $partitions }개에 컨슈머 { $consumers }개
key-sampled = 샘플 키
value-sampled-keys = { $keys }개 (고유 { $distinct }개)
key-busiest = 가장 바쁜 파티션
value-busiest-share = 메시지의 { $percent }%
key-imbalance = 불균형 (최대 / 평균)
key-most-frequent = 가장 빈번한 키
dlt-topic = 토픽
dlt-partitions = 파티션
value-dlt-partitions = { $partitions }개 (원본 토픽과 같음)
dlt-retries = 재시도
value-dlt-retries = 데드 레터 전 { $retries }회
dlt-backoff = 재시도 간격

## --format properties: 주석만 (키와 값은 바뀌지 않음)

properties-intro = { $client } 설정입니다. 각 값 위의 주석이 그 이유입니다.
properties-two-blocks = 두 블록을 producer.properties와 consumer.properties로 나누세요.
properties-spring-intro = Spring Boot application.yml입니다. 각 값 위의 주석이 그 이유입니다.
properties-notes = 참고 사항:
properties-group-configs = 그룹 설정 ({ $protocol } 프로토콜, Kafka { $kafka_version } 이상): 클라이언트가 아니라 브로커에 설정합니다

## 오류: `파일:줄: 키: 문제`; 파일, 줄, 키는 바뀌지 않음

error-line = 오류: { $message }

input-missing = 없음: { $table }에 이 키가 있어야 합니다
input-missing-in-file = 없음: 파일에 이 키가 있어야 합니다
toml-type = { $type ->
        [string] 문자열
        [integer] 정수
        [float] 실수
        [boolean] 불리언
        [datetime] 날짜-시간
        [array] 배열
        [table] 테이블
        [boolean-value] true 또는 false
        [string-table] 문자열 테이블
        [string-array] 문자열 배열
       *[number] 숫자
    }
input-expected = { $want }이어야 하는데 { $found }입니다
input-empty = 비어 있으면 안 됩니다
input-not-one-of = "{ $text }"는 허용되는 값이 아닙니다. 가능한 값: { $choices }
input-not-positive = 양수여야 하는데 { $found }입니다
input-out-of-range = { $low }에서 { $high } 사이여야 하는데 { $found ->
        [none] 더 큰 수입니다
       *[other] { $found }입니다
    }
input-unknown-key-typo = 알 수 없는 키 `{ $name }`; `{ $nearest }`를 쓰려던 것인가요?
input-unknown-key = 알 수 없는 키 `{ $name }`; 가능한 키: { $known }
input-is-folder = 파일이 아니라 폴더입니다
input-too-large = { $limit }보다 큽니다: kplan이 읽는 파일이 아닙니다
input-cannot-read = 읽을 수 없습니다: { $reason ->
        [not-found] 파일이 없습니다
       *[permission-denied] 권한이 없습니다
    }
input-share-keyed = "share"는 키별 순서를 보장할 수 없습니다: 공유 그룹은 각 레코드를 아무 컨슈머에게나 넘깁니다. 키 지정 토픽에는 "consumer"나 "classic"을 쓰세요
input-share-exactly-once = "share"는 exactly-once를 지원하지 않습니다: 공유 그룹에는 트랜잭션 오프셋 커밋이 없습니다. at-least-once로 하고 처리를 멱등하게 만드세요
input-share-retries = 공유 그룹에서는 1에서 9 사이여야 하는데 { $found }입니다: 레코드는 최대 retries + 1번 전달되고, share.delivery.count.limit은 2에서 10까지만 받습니다
input-applies-only-with = { $with ->
        [file] latency_file
        [histogram] latency_histogram_file
       *[file-or-histogram] latency_file 또는 latency_histogram_file
    }이 있을 때만 쓸 수 있습니다
list-and = { $first }, { $rest }
input-one-latency-source = 처리 시간 출처는 하나만 지정하세요: { $given }를 함께 지정했습니다
input-latency-source-missing = 없음: latency_file(측정한 샘플), latency_histogram_file(Prometheus 히스토그램), latency_ms = {"{"} mean = ..., p99 = ... {"}"} 중 하나를 지정하세요
input-latency-metric-missing = 없음: latency_histogram_file에 있는 히스토그램의 이름을 지정하세요 (예: "spring_kafka_listener_seconds")
input-metric-name = "{ $name }"은(는) Prometheus 메트릭 이름이 아닙니다 (영문자, 숫자, '_', ':'만 쓸 수 있고 숫자로 시작할 수 없음)
input-metric-suffix = { $suffix } 없이 히스토그램 자체의 이름 "{ $base }"을(를) 쓰세요: kplan은 버킷, 합계, 개수를 함께 읽습니다
input-too-many-samples = 처리 시간 샘플이 한도인 { $limit }개를 넘습니다(샘플마다 메모리 8바이트). KPLAN_MAX_LATENCY_SAMPLES로 한도를 올리거나, 파일에서 무작위로 뽑은 샘플을 쓰세요
input-too-many-keys = 고유 키가 한도인 { $limit }개를 넘습니다(키마다 키 자체의 바이트 외에 메모리 약 40바이트). --max-distinct-keys나 KPLAN_MAX_DISTINCT_KEYS로 한도를 올리거나, 키를 더 적게 샘플링하세요
input-limit-not-number = { $name }={ $value }은(는) 양의 정수가 아닙니다 (밑줄 허용)
input-limit-not-utf8 = { $name }이(가) 올바른 UTF-8이 아닙니다
input-secret-not-user-password = 첫 줄이 user:password 형식이어야 합니다
input-secret-empty = 비어 있습니다: { $what ->
        [bearer] 베어러 토큰을
       *[basic] user:password를
    } 첫 줄에 적으세요

input-cannot-read-os = 읽을 수 없습니다: { $reason }
input-not-utf8 = 올바른 UTF-8 텍스트가 아닙니다
input-invalid-toml = TOML 문법 오류: { $details }
input-not-whole = 정수여야 하는데 { $found }입니다
input-bytes-string = 1024처럼 바이트 수를 숫자로 써야 하는데 문자열 "{ $found }"입니다
input-not-finite = 유한한 숫자여야 하는데 { $found }입니다
input-topic-name-dots = "{ $name }"은(는) 토픽 이름으로 쓸 수 없습니다
input-topic-name-long = 토픽 이름은 최대 249자인데 이 이름은 { $length }자입니다
input-topic-name-char = 토픽 이름에 { $char }은(는) 쓸 수 없습니다(영문자, 숫자, '.', '_', '-'만 허용)
input-max-below-average = message_bytes보다 작습니다({ $max } < { $average })
input-key-sample-unkeyed = topic.partition_key가 필요합니다: 키 없는 토픽은 메시지를 파티션에 고르게 나눕니다
input-target-minutes-range = 1초(0.0167)에서 1년(525600) 사이여야 하는데 { $found }입니다
input-concurrency-keyed = 키 지정 토픽에서는 1이어야 합니다: 파티션당 스레드가 여럿이면 키별 순서 보장이 깨집니다
input-online-only-delay = 온라인 토픽에만 적용됩니다. 배치 토픽의 목표는 target_minutes입니다
input-online-only-utilization = 온라인 토픽에만 적용됩니다. 배치 컨슈머는 사용률 100%로 동작합니다
input-batch-only-drain = 배치 토픽에만 적용됩니다. 온라인 토픽의 목표는 max_delay_ms입니다
input-p99-below-mean = 평균보다 작습니다({ $p99 } < { $mean }). 숫자를 확인하세요
input-p99-over-mean = 평균의 { $ratio }배를 넘습니다({ $p99 } > { $ratio } x { $mean }). 메시지의 1% 이상이 p99 이상 걸리므로 이런 분포는 없습니다. 숫자와 단위를 확인하세요
input-samples-folder = 폴더입니다. 처리 시간 샘플 파일이 아닙니다
input-samples-not-regular = 일반 파일이 아닙니다(파이프나 장치). 샘플 파일을 지정하세요
input-samples-long-line = 줄이 1 MiB보다 깁니다: 샘플 파일이 아닙니다
input-header-not-utf8 = 헤더 줄이 올바른 UTF-8이 아닙니다
input-samples-no-header = 파일에 `{ $column }` 열을 가리키는 헤더가 없습니다. 첫 줄에 헤더를 추가하세요
input-samples-no-column = 헤더({ $names })에 `{ $column }` 열이 없습니다{ $named ->
        [yes] {""}
       *[no] . latency_column으로 열 이름을 지정하세요
    }
input-csv-fields = 필드가 { $found }개인데 헤더는 { $fields }개입니다
input-not-csv = CSV 파일이 아닙니다: { $details }
input-no-samples = 처리 시간 샘플이 없습니다
input-one-sample = 처리 시간 샘플이 1개뿐입니다. 표준편차를 구하려면 2개 이상 필요합니다
input-sample-parser-failed = 샘플 파서가 실패했습니다
input-sample-not-number = 숫자가 아닙니다: "{ $text }"
input-sample-not-finite = 유한한 숫자가 아닙니다: "{ $text }"
input-sample-negative = 처리 시간은 음수일 수 없습니다: { $text }
input-sample-over-day = 처리 시간 "{ $text }"이(가) 하루를 넘습니다: latency_unit을 확인하세요
input-keys-not-regular = 키 파일로 쓸 수 있는 일반 파일이 아닙니다
input-no-keys = 키가 없습니다
input-key-not-utf8 = 키가 올바른 UTF-8이 아닙니다
input-keys-long-line = 줄이 1 MiB보다 깁니다: 키 파일이 아닙니다
input-policy-glob = "{ $glob }"은(는) 올바른 glob이 아닙니다: { $details }
input-policy-regex = 올바른 정규 표현식이 아닙니다: { $details }
input-policy-range-empty = min, max 중 하나 이상을 지정하세요
input-policy-max-below-min = min보다 작습니다({ $max } < { $min })
input-policy-fixed-rule = 항상 오류입니다: 파싱하거나 계획할 수 없는 요청은 통과할 수 없습니다
input-beyond-any-cluster = { $side ->
        [consumers] 컨슈머에 파티션이 약 { $partitions }개 필요합니다: max_messages, target_minutes, 처리 시간 단위를 확인하세요
       *[producers] 프로듀서에 파티션이 약 { $partitions }개 필요합니다: message_bytes와 partition_write_bytes_per_sec를 확인하세요
    }. 파티션 { $most }개를 넘는 클러스터는 없습니다
input-profile-type = { $type } 토픽인데 프로필 { $profile }은(는) { $profile_type } 토픽용입니다
input-mean-below-nanosecond = 평균 처리 시간이 { $mean } ms로 1나노초보다 짧습니다: 측정한 처리 시간이 아닙니다(latency_unit을 확인하세요)
input-latency-above-hour = 메시지 하나의 처리 시간이 1시간을 넘습니다: latency_unit을 확인하세요(기본값 ms)
input-in-file = { $file }: { $problem }

## 처리 시간 히스토그램 파일(Prometheus 텍스트 형식). 메트릭 이름이 키 자리에 옵니다

histogram-file-too-large = 256 MiB보다 큽니다: 애플리케이션 하나의 메트릭 스크레이프가 아닙니다
histogram-not-exposition = Prometheus 텍스트 형식이 아닙니다: { $details }
exposition-expected-quoted = { $at } 위치에 따옴표로 감싼 값이 와야 합니다
exposition-unknown-escape = 레이블 값에 알 수 없는 이스케이프 { $escape }이(가) 있습니다
exposition-unclosed = 따옴표로 감싼 값이 닫히지 않았습니다
exposition-expected-label = { $at } 위치에 레이블 이름이 와야 합니다
exposition-label-twice = 레이블 { $name }이(가) 두 번 나옵니다
exposition-expected-equals = 레이블 { $name } 뒤에 =가 와야 합니다
exposition-expected-comma = { $at } 위치에 , 또는 {"}"}가 와야 합니다
exposition-name-twice = 메트릭 이름이 두 번 나옵니다
exposition-expected-name = { $at } 위치에 메트릭 이름이 와야 합니다
exposition-expected-value = { $name } 뒤에 공백과 값이 와야 합니다
exposition-not-number = { $text }은(는) 숫자가 아닙니다
exposition-not-timestamp = { $text }은(는) 타임스탬프가 아닙니다
exposition-unexpected = 값 뒤에 예상하지 못한 { $text }이(가) 있습니다
exposition-expected-exemplar = # 뒤에 exemplar의 {"{"}labels{"}"}가 와야 합니다
exposition-exemplar-not-number = exemplar 값 { $text }은(는) 숫자가 아닙니다
histogram-neither = _bucket{"{"}le=...{"}"} 시리즈(히스토그램)도 quantile 시리즈(summary)도 없습니다
histogram-wrong-type = { $type } 타입입니다. 히스토그램이나 summary가 아닙니다
histogram-unit-not-time = 단위가 { $unit }입니다. 시간 단위가 아닙니다
histogram-unit-source = { $source ->
        [name] 메트릭 이름
        [unit-line] # UNIT 줄
       *[latency-unit] latency_unit
    }
histogram-mixed-units = 단위가 섞여 있습니다: { $first_source }은(는) { $first }, { $source }은(는) { $unit }입니다
histogram-no-such-metric = 파일에 이 메트릭이 없습니다. { $declared ->
        [yes] 파일에 있는 히스토그램과 summary: { $found }
       *[no] 파일에 선언된 히스토그램이나 summary가 없습니다
    }
histogram-no-such-series = 레이블 { $labels }을(를) 가진 시리즈가 없습니다. 있는 시리즈: { $labelled ->
        [yes] { $series }
       *[no] 레이블 없음
    }
histogram-no-buckets = 이 시리즈에는 _bucket{"{"}le=...{"}"} 샘플이 없습니다
histogram-bad-bound = le={ $le }은(는) 버킷 경계가 아닙니다
histogram-bad-count = 버킷 카운트 { $count }은(는) 개수가 아닙니다
histogram-bound-twice = le="{ $le }"이(가) 두 번 나옵니다
histogram-not-cumulative = 버킷 카운트가 누적값이 아닙니다: le="{ $high }"의 { $count }이(가) le="{ $low }"의 { $below }보다 작습니다
histogram-no-inf = le="+Inf" 버킷이 없습니다: 전체 관측 수를 알 수 없습니다
histogram-negative = le="{ $le }" 이하에 관측이 { $count }개 있습니다: 처리 시간은 음수일 수 없습니다
histogram-count-mismatch = _count는 { $count }인데 le="+Inf" 버킷은 { $total }입니다
histogram-different-bounds = 선택한 시리즈들의 버킷 경계가 서로 달라 합칠 수 없습니다. latency_labels로 하나만 고르세요
histogram-bound-too-far = le="{ $le }"은(는) 메시지 하나의 처리 시간으로 볼 수 없을 만큼 큽니다(단위가 잘못되었나요?)
histogram-bad-sum = _sum이 { $sum }입니다: 처리 시간의 합이 아닙니다
histogram-no-observations = 관측이 없습니다: 모든 버킷이 0입니다
histogram-mean-outside = _sum / _count가 { $mean_ms } ms로, 버킷이 허용하는 { $lowest_ms }..{ $highest_ms } ms 범위를 벗어납니다: _sum과 le 경계의 단위가 다른가요?
histogram-summary-series = 시리즈가 여럿인 summary입니다: quantile은 더할 수 없으므로 latency_labels로 시리즈 하나만 고르세요
histogram-summary-needs-sum = summary로 평균을 구하려면 _sum과 _count가 필요합니다
histogram-count-zero = _count가 { $count }입니다: 관측이 없습니다
histogram-p99-outside = 0.99 quantile { $p99_ms } ms가 평균({ $mean_ms } ms)과 평균의 { $ratio }배 사이에 있지 않습니다

## 클라이언트 속성 파일(--command-config). 속성 이름이 키 자리에 옵니다

config-truststore-type = librdkafka는 { $type } truststore를 읽을 수 없습니다: CA 인증서를 PEM으로 내보내고(keytool -exportcert -rfc) ssl.truststore.type=PEM으로 설정하세요
config-truststore-password = PEM truststore에는 비밀번호가 없습니다(librdkafka는 JKS나 PKCS12 truststore를 읽지 않습니다): 이 속성을 지우세요
config-keystore-type = librdkafka는 { $type } keystore를 읽을 수 없습니다: PKCS12로 변환하고(keytool -importkeystore -deststoretype PKCS12) ssl.keystore.type=PKCS12로 설정하세요
config-keystore-password = PKCS12 keystore에만 적용됩니다(ssl.keystore.type=PKCS12로 설정하세요)
config-endpoint-algorithm = https 또는 빈 값이어야 합니다
config-bootstrap-servers = 클러스터는 --bootstrap-server로 지정하세요
config-ssl-unmapped = librdkafka에 대응하는 설정이 없습니다(librdkafka는 OpenSSL로 TLS를 협상합니다). 이 속성을 지우거나 librdkafka 설정을 -X로 넘기세요
config-kerberos = kplan에는 Kerberos(GSSAPI) 지원이 들어 있지 않습니다
config-unmapped = kplan이 librdkafka 설정으로 옮길 수 있는 클라이언트 설정이 아닙니다. 이 속성을 지우거나 librdkafka 설정을 -X key=value로 넘기세요
config-security-protocol = "{ $value }"은(는) PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL 중 하나가 아닙니다
config-sasl-mechanism = "{ $value }"은(는) 지원하지 않습니다: PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 중 하나를 쓰세요
config-store-type = PEM, PKCS12, JKS 중 하나여야 합니다
config-jaas-unreadable = `LoginModule required username="..." password="...";` 형식으로 읽을 수 없습니다
config-jaas-module = PlainLoginModule과 ScramLoginModule만 librdkafka 설정으로 옮길 수 있습니다
config-jaas-credentials = username과 password 옵션이 둘 다 필요합니다

## 프로필 파일(--profile). 점으로 이은 키가 설정을 가리킵니다

input-min-isr-above-replication = { $min_isr }로 복제 계수 { $replication_factor }보다 큽니다: acks=all 쓰기가 모두 NOT_ENOUGH_REPLICAS로 실패합니다
input-replication-below-profile-isr = { $replication_factor }로 프로필의 min.insync.replicas { $min_isr }보다 작습니다: acks=all 쓰기가 모두 NOT_ENOUGH_REPLICAS로 실패합니다. limits.min_insync_replicas도 설정하세요
profile-min-isr-within-replication = 1 이상 topic.replication_factor 이하여야 합니다: 그보다 크면 acks=all 쓰기가 모두 실패합니다
profile-between = { $low } 이상 { $high } 이하여야 합니다
profile-above-at-most = { $low }보다 크고 { $high } 이하여야 합니다
profile-at-least-at-most = { $low } 이상 { $high } 이하여야 합니다
profile-at-least = { $low } 이상이어야 합니다
profile-one-of = { $choices } 중 하나여야 합니다
profile-java-int = Java 클라이언트의 32비트 int 최댓값인 2147483647 이하여야 합니다
profile-request-timeout = linger_ms와 합해 2147483647 이하여야 합니다: delivery.timeout.ms는 최소한 둘의 합입니다
profile-java-long = Java 클라이언트의 64비트 long 범위 안에 있어야 합니다

## kplan check: 검사 결과 (규칙 이름은 그대로)

check-cap-above-policy = { $own }개는 정책 상한 { $cap }개를 넘습니다. 계획은 { $cap }개를 씁니다
check-topic-name = "{ $name }"이(가) 정책의 이름 패턴 { $pattern }에 맞지 않습니다
check-topic-type = 여기서는 { $type } 토픽을 쓸 수 없습니다 (허용: { $allowed })
check-delivery = 여기서는 { $delivery }를 쓸 수 없습니다 (허용: { $allowed })
check-dead-letter-required = { $delivery }에는 {"["}dead_letter{"]"} 섹션이 필요합니다: 계속 실패하는 메시지가 재시도 루프에만 머물면 안 됩니다
check-key-sample-required = 키 지정 토픽에는 키 쏠림을 확인할 수 있도록 publish.key_sample_file이 필요합니다
check-message-size-limit = { $largest }바이트 메시지는 정책 상한 { $limit }바이트를 넘습니다
check-target-minutes-range = { $minutes }은(는) 정책 범위를 벗어납니다: { $min ->
        [none] 최대 { $max }
       *[other] { $max ->
            [none] 최소 { $min }
           *[other] { $min }에서 { $max } 사이
        }
    }
check-latency-samples-required = 여기서는 요약값으로는 부족합니다: 메시지별 처리 시간을 측정한 latency_file을 지정하세요
check-concurrency-limit = 파티션당 스레드 { $threads }개로 정책 상한 { $max }개를 넘습니다
check-delay-objective-required = 온라인 토픽에는 p99 종단 간 지연 목표인 subscribe.max_delay_ms가 필요합니다
check-headroom-minimum = 계획의 headroom { $headroom }이(가) 정책 최솟값 { $min }보다 작습니다
check-latency-sample-count = 처리 시간 샘플이 { $samples }개로 정책 기준 { $min }개보다 적습니다
check-infeasible = 요청을 만족하는 파티션 수가 없습니다
check-over-cap = 파티션 { $needed }개가 필요해 { $source ->
        [policy] 정책 상한
        [request] {"["}limits{"]"}의 상한
       *[profile] 프로필 상한
    } { $cap }개를 넘습니다{ $target_minutes ->
        [none] {""}
       *[other] . 다음 중 하나로 바꾸면 상한 안에 맞습니다: { $threads ->
            [none] {""}
           *[other] concurrency = { $threads },{" "}
        }{ $mean_ms ->
            [none] {""}
           *[other] 평균 처리 시간 { $mean_ms } ms,{" "}
        }target_minutes = { $target_minutes }
    }

## kplan observe latency, kplan observe topic

observe-latency-headline = kplan observe latency: { $series }, 최근 { $window }, { $prometheus } - 버킷 { $buckets }개짜리 히스토그램
observe-section-buckets = 버킷 (누적)
observe-header-observations = 관측 수
observe-header-in-bucket = 이 버킷의 비율
observe-warning-tail = 관측값의 { $percent }%가 마지막 경계({ $last_bound_ms } ms)를 넘어 히스토그램으로는 얼마나 느렸는지 알 수 없습니다. 통계에서는 이 관측값을 최대 { $high_ms } ms까지로 보았습니다
observe-warning-no-sum = 이 기간에 _sum이 없습니다: 평균은 버킷으로 계산한 값이라 정확하지 않습니다
observe-topic-headline = kplan observe topic: { $topic } ({ $servers }{ $with_group ->
        [yes] , 그룹 { $group }
       *[no] {""}
    }) - { $seconds }초 동안 { $readings }회 측정
observe-section-partitions = 파티션
observe-section-summary = 요약
observe-header-partition = 파티션
observe-header-produce = 발행
observe-header-consume = 소비
observe-header-lag = 랙
observe-header-lag-trend = 랙 추세
observe-header-drain = 처리 완료
observe-header-capacity = 처리 용량 (밀린 파티션)
observe-total = 합계
observe-drain-seconds = { $seconds }초
observe-drain-never = 불가 (랙이 늘어남)
observe-peak-produce-rate = 최대 발행률
observe-busiest-share = 가장 바쁜 파티션의 몫
observe-implied-latency = 추정 처리 시간
observe-implied-latency-value = 스레드당 메시지 하나에 { $ms } ms

## kplan observe topic --format toml: 작성한 요청서 초안의 주석

draft-window = { $servers }의 { $topic }, { $seconds }초 동안 { $readings }회 측정
draft-title = kplan observe topic이 작성한 요청서 초안입니다 ({ $window }).
draft-check = 계획을 세우기 전에 "가정" 또는 "관측 안 됨"이라고 적힌 줄을 모두 확인하세요.
draft-type-assumed = 가정: 들어오는 대로 소비하는 스트림. 정해진 시간 안에 처리할 물량이면 "batch"
draft-assumed = 가정
draft-max-messages = 관측한 최대 발행률 { $rate } msg/s(두 측정 사이, { $window })의 1분치
draft-message-bytes = 관측 안 됨(오프셋은 바이트가 아니라 메시지 수를 셈): 평균 메시지 크기를 지정하세요
draft-target-minutes = 1분: max_messages가 분당 최대 발행량이 되도록
draft-latency = 1000 / 측정 기간 내내 밀려 있던 파티션 { $backlogged }개{ $with_group ->
        [yes] {" "}(그룹 { $group })
       *[no] {""}
    }의 소비율, 파티션당 스레드 하나
draft-latency-unknown = 관측 안 됨: 측정 기간 내내 밀려 있던 파티션이 없어 컨슈머의 처리 속도를 알 수 없습니다. 측정해서(latency_file, latency_histogram_file) 지정하세요
draft-busiest = 가장 바쁜 파티션이 발행률의 { $percent }%를 차지했습니다 ({ $window }).

## kplan diff, kplan check --base: 요청 변경이 계획에 주는 영향

diff-group-protocol = { $protocol ->
        [classic] 클래식 프로토콜: 컨슈머끼리 파티션을 나눠 할당하며, 파티션 하나에 컨슈머 하나입니다
        [consumer] KIP-848 컨슈머 프로토콜: 브로커가 파티션을 할당하고(파티션 하나에 컨슈머 하나) 그룹 설정을 보관합니다
       *[share] 공유 그룹(KIP-932): 레코드가 아무 컨슈머에게나 가므로 컨슈머가 파티션보다 많을 수 있고, 키별 순서는 보장되지 않습니다
    }{ $new_id ->
        [yes] . 공유 그룹과 컨슈머 그룹은 같은 그룹 ID를 쓸 수 없습니다: 새 그룹에는 별도의 ID가 필요하며, 이전 그룹의 오프셋이 아니라 오프셋 리셋 설정에 따라 시작합니다
       *[no] {""}
    }
diff-kafka-any = 클래식 프로토콜이며, 모든 Kafka 버전이 지원합니다
diff-kafka-share-dlq = Kafka { $version } 이상의 브로커가 필요합니다: 공유 그룹의 데드 레터 큐(KIP-1191)는 공유 그룹({ $share_version }+)보다 나중에 나왔습니다
diff-kafka-version = Kafka { $version } 이상의 브로커가 { $protocol } 프로토콜을 지원합니다
diff-consumers = { $share ->
        [yes] 파티션 { $partitions }개에 공유 그룹 컨슈머 { $consumers }개: 공유 그룹은 각 레코드를 아무 컨슈머에게나 넘기므로, 파티션 수를 넘는 컨슈머도 일을 합니다
       *[no] 파티션마다 컨슈머 하나(파티션 { $partitions }개): 컨슈머 그룹은 각 파티션을 컨슈머 하나에게 줍니다
    }
diff-partition-decrease = 파티션은 줄일 수 없습니다: 토픽은 파티션 { $old }개를 유지하므로 { $new }개 계획은 적용할 수 없습니다. 요청을 { $old }개 이상으로 유지하거나 새 토픽을 만드세요
diff-moved-of-sample = 키 샘플의 고유 키 { $keys }개 중
diff-moved-of-keys = 키 중(1 - { $old } / lcm({ $old }, { $new }))
diff-keyed-growth = { $old }개에서 { $new }개로 파티션을 증설하면 { $key } 기준 { $measure } { $percent }%가 다른 파티션으로 옮겨져 변경 전후로 순서가 깨집니다: 프로듀서를 멈추고, 컨슈머가 토픽을 모두 소비하게 한 뒤, 증설하고(kafka-topics.sh --alter --partitions { $new_plain }) 둘 다 다시 시작하세요
diff-unkeyed-growth = { $old }개에서 { $new }개로 증설: 키가 없으므로 순서가 깨지지 않으며, 컨슈머가 새 파티션으로 리밸런싱됩니다
diff-none = (없음)
diff-added = 새 요청
diff-added-partitions = 새 요청: 파티션 { $partitions }개
diff-removed = 요청 삭제됨
diff-removed-partitions = 요청 삭제됨(파티션 { $partitions }개 계획); 토픽은 수동으로 삭제할 때까지 클러스터에 남습니다
diff-unchanged = 계획 변경 없음
diff-against-base = { $base } 대비 계획 변경
diff-tally = 변경 { $changed }, 추가 { $added }, 삭제 { $removed }, 호환성 깨짐 { $breaking }
