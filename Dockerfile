# Build a release binary, then run it on a slim Debian with only the runtime libraries.
FROM swift:6.1-bookworm AS build
RUN apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libcurl4-openssl-dev libsqlite3-dev zlib1g-dev pkg-config \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY Package.swift ./
COPY Sources ./Sources
COPY Tests ./Tests
RUN swift build -c release --product toolport --static-swift-stdlib

FROM debian:bookworm-slim
RUN apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libcurl4 libsqlite3-0 zlib1g ca-certificates tzdata \
    && rm -rf /var/lib/apt/lists/* && useradd --system --home /data toolport && mkdir -p /data && chown toolport /data
COPY --from=build /src/.build/release/toolport /usr/local/bin/toolport
COPY schemas /usr/local/share/toolport/schemas
USER toolport
EXPOSE 8000
ENTRYPOINT ["toolport"]
CMD ["serve", "--host", "0.0.0.0", "--port", "8000", "--db", "/data/toolport.sqlite"]
