# albums-server: build the jar with `./albums build` first (server/target/albums-server.jar).
FROM eclipse-temurin:17-jre
RUN useradd --system --home /var/lib/albums albums
COPY server/target/albums-server.jar /opt/albums/albums-server.jar
USER albums
EXPOSE 8000
# a small heap collected by the serial collector, and two malloc arenas, keep the resident size under 300 MB under load
ENV MALLOC_ARENA_MAX=2
ENTRYPOINT ["java", "-Xmx160m", "-XX:+UseSerialGC", "-XX:ReservedCodeCacheSize=48m", "-Xss512k", "-jar", "/opt/albums/albums-server.jar"]
